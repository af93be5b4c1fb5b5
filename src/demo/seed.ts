/**
 * `serve --demo`: on an empty database, a user demo/demo and a "Demo App" client whose redirect URI is
 * Kiroku's own PIN page, so that the whole implicit grant can be tried with nothing but a browser, and
 * a public "Demo Public App" (no secret) with a loopback redirect URI, so that a native app's PKCE code
 * flow and the device flow can be tried at once without a secret to copy.
 * The built-in catalog is added on every run, to any database that lacks some of it.
 */
import type { AppContext } from '../app/app-context.js'
import { countUsers, createUser, findUserByName } from '../accounts/users.js'
import { createClient, listClientsOwnedBy } from '../oauth/clients.js'
import { builtInCatalog, seedCatalog } from '../catalog/seed/index.js'
import { loadMediaByIds } from '../catalog/media-store.js'
import { seedDemoWorld } from './world/index.js'
import { seedAiringSchedules } from '../catalog/seed/airing.js'
import { seedDemoLists } from './lists.js'
import { seedDemoSocial } from './social.js'
import { seedDemoCommunity } from './community-reviews.js'
import { seedDemoAniChart } from './anichart.js'
import { seedDemoForum } from './community-forum.js'
import { recomputeAllFigures } from '../lists/figures/recompute.js'

export const DEMO_USER = 'demo'
export const DEMO_PASSWORD = 'demo'
export const DEMO_CLIENT_NAME = 'Demo App'
export const DEMO_PUBLIC_CLIENT_NAME = 'Demo Public App'
/**
 * The public client's redirect URI. A loopback IP URI matches the same URI on any port (RFC 8252
 * §7.3, oauth/redirect-uris.ts), so a native app or script can listen wherever it likes.
 */
export const DEMO_PUBLIC_REDIRECT_URI = 'http://127.0.0.1/callback'

export interface DemoInfo {
  created: boolean
  clientId: number | null
  /** Only when just created: the secret is never stored, so it can be shown only now. */
  clientSecret: string | null
  authorizeUrl: string | null
  /** The demo client's registered redirect URIs: the PIN page of the public URL it was created under. */
  redirectUris: string[]
  /** The public demo client (PKCE and the device flow; no secret), or null when none was found. */
  publicClientId: number | null
  /** How many built-in anime and manga this run added to the catalog (0 when all were there). */
  catalogAdded: number
  /** How many list entries this run gave the demo users (0 when their lists were there). */
  listEntriesAdded: number
}

/**
 * Seeds the demo user and client on an empty database; on any other, finds the demo client an earlier
 * run made. Where the demo user exists, its lists and two more users with lists follow (demo/lists.ts).
 */
export async function seedDemo(ctx: AppContext): Promise<DemoInfo> {
  const info = await seedAccounts(ctx)
  const listEntriesAdded = await seedDemoLists(ctx)
  // The seeded lists are written directly, not through the save path that keeps figures current:
  // compute them once, and rank the catalog, so the first answer is already the settled one.
  if (info.catalogAdded > 0 || listEntriesAdded > 0) await recomputeAllFigures(ctx.db, ctx.clock)
  await seedDemoSocial(ctx)
  await seedDemoCommunity(ctx)
  await seedDemoAniChart(ctx)
  await seedDemoForum(ctx)
  return { ...info, listEntriesAdded }
}

async function seedAccounts(ctx: AppContext): Promise<Omit<DemoInfo, 'listEntriesAdded'>> {
  const pinUrl = `${ctx.config.publicUrl}/api/v2/oauth/pin`
  const authorizeUrl = (clientId: number) => `${ctx.config.publicUrl}/api/v2/oauth/authorize?client_id=${clientId}&response_type=token`
  const builtIn = builtInCatalog().map((m) => m.id)
  const stored = await loadMediaByIds(ctx.db, builtIn)
  const catalogAdded = (await seedCatalog(ctx.db, ctx.clock)).inserted
  // Studios, tags, casts and synopses for the works this run added, never over a work already stored.
  await seedDemoWorld(ctx.db, ctx.clock, new Set(builtIn.filter((id) => !stored.has(id))))
  // Every start: the releasing works' schedules move with the clock, so nextAiringEpisode stays ahead.
  await seedAiringSchedules(ctx.db, ctx.clock)
  if ((await countUsers(ctx.db)) > 0) {
    // Not empty: seed nothing, but point at the demo client if an earlier --demo made one.
    const demo = await findUserByName(ctx.db, DEMO_USER)
    const owned = demo ? await listClientsOwnedBy(ctx.db, demo.id) : []
    const client = owned.find((c) => c.name === DEMO_CLIENT_NAME)
    // A database seeded before the public client existed has none: it is not added later, as a
    // non-empty database is never seeded.
    const publicClient = owned.find((c) => c.name === DEMO_PUBLIC_CLIENT_NAME && c.isPublic)
    return {
      created: false,
      clientId: client?.id ?? null,
      clientSecret: null,
      authorizeUrl: client ? authorizeUrl(client.id) : null,
      redirectUris: client?.redirectUris ?? [],
      publicClientId: publicClient?.id ?? null,
      catalogAdded,
    }
  }
  // demo/demo is below the password rule on purpose: it is the documented, local-only demo login.
  const user = await createUser(ctx.db, ctx.clock, { name: DEMO_USER, password: DEMO_PASSWORD, allowWeakPassword: true })
  const { client, secret } = await createClient(ctx.db, ctx.clock, { name: DEMO_CLIENT_NAME, redirectUris: [pinUrl], ownerUserId: user.id })
  const { client: publicClient } = await createClient(ctx.db, ctx.clock, {
    name: DEMO_PUBLIC_CLIENT_NAME,
    redirectUris: [DEMO_PUBLIC_REDIRECT_URI],
    ownerUserId: user.id,
    isPublic: true,
  })
  return {
    created: true,
    clientId: client.id,
    clientSecret: secret,
    authorizeUrl: authorizeUrl(client.id),
    redirectUris: client.redirectUris,
    publicClientId: publicClient.id,
    catalogAdded,
  }
}
