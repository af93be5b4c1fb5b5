/**
 * The demo's AniChart records: the demo user's AniChart settings and two highlighted works (the airing one first),
 * so `AniChartUser` answers something in the demo. Saved through accounts/anichart.ts's own checks.
 * Runs once: a demo user who already has AniChart data keeps it.
 */
import type { AppContext } from '../app/app-context.js'
import { findUserByName } from '../accounts/users.js'
import { aniChartOf, updateAniChartHighlights, updateAniChartSettings } from '../accounts/anichart.js'
import { builtInCatalog } from '../catalog/seed/index.js'

/** Seeds the demo user's AniChart data where they exist and have none; returns whether it did. */
export async function seedDemoAniChart(ctx: AppContext): Promise<boolean> {
  const demo = await findUserByName(ctx.db, 'demo')
  if (!demo) return false
  const stored = await aniChartOf(ctx.db, demo.id)
  if (Object.keys(stored.settings).length > 0 || Object.keys(stored.highlights).length > 0) return false
  await updateAniChartSettings(ctx.db, ctx.clock, demo.id, { titleLanguage: 'ROMAJI', outgoingLinkProvider: 'ANILIST', theme: 'dark', sort: 'POPULARITY' })
  // The airing work first (the built-in catalog has one), then another to have a second highlight.
  const anime = builtInCatalog().filter((m) => m.type === 'ANIME')
  const airing = [...anime.filter((m) => m.status === 'RELEASING'), ...anime.filter((m) => m.status !== 'RELEASING')].slice(0, 2)
  await updateAniChartHighlights(ctx.db, ctx.clock, demo.id, airing.map((m, i) => ({ mediaId: m.id, highlight: i === 0 ? 'watching' : 'interested' })))
  return true
}
