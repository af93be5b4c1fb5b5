/**
 * Gives the demo users their lists (demo/list-data.ts). Runs with every `serve --demo` on a database
 * that has the demo user, and is idempotent: a user is created only when missing, and a list is
 * written only when the user has no entries yet, so a second run, or a demo user who has since
 * changed their list, is left alone. Works missing from the catalog are skipped.
 */
import type { AppContext } from '../app/app-context.js'
import { createUser, findUserByName, type User } from '../accounts/users.js'
import { getListOptionsOf, updateListOptions } from '../lists/list-options.js'
import { loadMediaByIds } from '../catalog/media-store.js'
import type { FuzzyDate } from '../catalog/media.js'
import { defaultEntryFields } from '../lists/entry.js'
import { countUserEntries, insertEntries, type NewEntry } from '../lists/entry-store.js'
import { applyStatusRules } from '../lists/status-rules.js'
import { DEMO_LIST_OWNER, DEMO_LISTS, type DemoEntry, type DemoListUser } from './list-data.js'

/** The password of the extra demo users: like demo/demo, a documented local-only login. */
export const DEMO_LIST_PASSWORD = 'demo'

const DAY = 86_400

const date = (parts?: [number, number?, number?]): FuzzyDate => ({ year: parts?.[0] ?? null, month: parts?.[1] ?? null, day: parts?.[2] ?? null })

async function demoUser(ctx: AppContext, list: DemoListUser): Promise<User | null> {
  const existing = await findUserByName(ctx.db, list.name)
  if (existing || list.name === DEMO_LIST_OWNER) return existing
  const user = await createUser(ctx.db, ctx.clock, { name: list.name, password: DEMO_LIST_PASSWORD, allowWeakPassword: true })
  await updateListOptions(ctx.db, ctx.clock, user.id, { scoreFormat: list.scoreFormat })
  return user
}

/** Adds the demo list's custom list names the user lacks (their own lists stay). */
async function addCustomLists(ctx: AppContext, userId: number, list: DemoListUser): Promise<void> {
  const options = await getListOptionsOf(ctx.db, userId)
  const merged = (have: string[], wanted: string[]) => [...have, ...wanted.filter((n) => !have.includes(n))]
  const anime = merged(options.animeList.customLists, list.animeCustomLists)
  const manga = merged(options.mangaList.customLists, list.mangaCustomLists)
  if (anime.length === options.animeList.customLists.length && manga.length === options.mangaList.customLists.length) return
  await updateListOptions(ctx.db, ctx.clock, userId, { animeList: { customLists: anime }, mangaList: { customLists: manga } })
}

function fieldsOf(entry: DemoEntry) {
  return {
    ...defaultEntryFields(),
    status: entry.status,
    score: entry.score ?? 0,
    progress: entry.progress ?? 0,
    progressVolumes: entry.progressVolumes ?? 0,
    repeat: entry.repeat ?? 0,
    priority: entry.priority ?? 0,
    private: entry.private ?? false,
    notes: entry.notes ?? null,
    customLists: entry.customLists ?? [],
    startedAt: date(entry.started),
    completedAt: date(entry.completed),
  }
}

/** Seeds the demo lists where the demo user exists; returns how many entries were added. */
export async function seedDemoLists(ctx: AppContext): Promise<number> {
  if (!(await findUserByName(ctx.db, DEMO_LIST_OWNER))) return 0
  const media = await loadMediaByIds(ctx.db, DEMO_LISTS.flatMap((l) => l.entries.map((e) => e.mediaId)))
  const now = ctx.clock()
  let added = 0
  for (const list of DEMO_LISTS) {
    const user = await demoUser(ctx, list)
    if (!user || (await countUserEntries(ctx.db, user.id)) > 0) continue
    await addCustomLists(ctx, user.id, list)
    const entries: NewEntry[] = []
    list.entries.forEach((entry, i) => {
      const work = media.get(entry.mediaId)
      if (!work) return
      // Older entries first, a day apart, so that "recently updated" orders mean something.
      const at = now - (list.entries.length - i) * DAY
      entries.push({ userId: user.id, mediaId: work.id, mediaType: work.type, fields: applyStatusRules(null, fieldsOf(entry), work), createdAt: at, updatedAt: at })
    })
    added += await insertEntries(ctx.db, entries)
  }
  return added
}
