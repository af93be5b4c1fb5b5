/**
 * `serve --demo`: on an empty database, a user demo/demo and a "Demo App" client whose redirect URI is
 * Kiroku's own PIN page, so that the whole implicit grant can be tried with nothing but a browser.
 * The built-in catalog is added on every run, to any database that lacks some of it.
 */
import type { AppContext } from '../app/app-context.js'
import { countUsers, createUser, findUserByName } from '../accounts/users.js'
import { createClient, listClientsOwnedBy } from '../oauth/clients.js'
import { seedCatalog } from '../catalog/seed/index.js'
import { seedAiringSchedules } from '../catalog/seed/airing.js'
import { seedDemoLists } from './lists.js'

export const DEMO_USER = 'demo'
export const DEMO_PASSWORD = 'demo'
export const DEMO_CLIENT_NAME = 'Demo App'

export interface DemoInfo {
  created: boolean
  clientId: number | null
  /** Only when just created: the secret is never stored, so it can be shown only now. */
  clientSecret: string | null
  authorizeUrl: string | null
  /** The demo client's registered redirect URIs: the PIN page of the public URL it was created under. */
  redirectUris: string[]
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
  return { ...info, listEntriesAdded: await seedDemoLists(ctx) }
}

async function seedAccounts(ctx: AppContext): Promise<Omit<DemoInfo, 'listEntriesAdded'>> {
  const pinUrl = `${ctx.config.publicUrl}/api/v2/oauth/pin`
  const authorizeUrl = (clientId: number) => `${ctx.config.publicUrl}/api/v2/oauth/authorize?client_id=${clientId}&response_type=token`
  const catalogAdded = (await seedCatalog(ctx.db, ctx.clock)).inserted
  // Every start: the releasing works' schedules move with the clock, so nextAiringEpisode stays ahead.
  await seedAiringSchedules(ctx.db, ctx.clock)
  if ((await countUsers(ctx.db)) > 0) {
    // Not empty: seed nothing, but point at the demo client if an earlier --demo made one.
    const demo = await findUserByName(ctx.db, DEMO_USER)
    const client = demo ? (await listClientsOwnedBy(ctx.db, demo.id)).find((c) => c.name === DEMO_CLIENT_NAME) : undefined
    return {
      created: false,
      clientId: client?.id ?? null,
      clientSecret: null,
      authorizeUrl: client ? authorizeUrl(client.id) : null,
      redirectUris: client?.redirectUris ?? [],
      catalogAdded,
    }
  }
  // demo/demo is below the password rule on purpose: it is the documented, local-only demo login.
  const user = await createUser(ctx.db, ctx.clock, { name: DEMO_USER, password: DEMO_PASSWORD, allowWeakPassword: true })
  const { client, secret } = await createClient(ctx.db, ctx.clock, { name: DEMO_CLIENT_NAME, redirectUris: [pinUrl], ownerUserId: user.id })
  return { created: true, clientId: client.id, clientSecret: secret, authorizeUrl: authorizeUrl(client.id), redirectUris: client.redirectUris, catalogAdded }
}
