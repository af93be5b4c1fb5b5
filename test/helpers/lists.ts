/**
 * Builders for the list tests: a server with the catalog (built-in works plus the fixture works),
 * users with tokens and list settings, and entries written straight to the store.
 */
import type { FastifyInstance } from 'fastify'
import { updateProfile, type ProfileChanges } from '../../src/accounts/profiles.js'
import { updateListOptions, type ListOptionsChanges } from '../../src/lists/list-options.js'
import type { User } from '../../src/accounts/users.js'
import { defaultEntryFields, type EntryFields } from '../../src/lists/entry.js'
import { insertEntries } from '../../src/lists/entry-store.js'
import type { FuzzyDate, MediaType } from '../../src/catalog/media.js'
import { catalogServer } from './catalog.js'
import { graphql, makeClient, makeUser } from './flow.js'
import type { TestServer } from './server.js'

/** A server whose catalog holds the built-in and fixture works (the catalog tests' server). */
export async function listServer(): Promise<TestServer> {
  return catalogServer()
}

export interface ListUser {
  user: User
  token: string
}

/** A user with an access token, and list settings when given. */
/** What a test user starts with: profile changes, and list options under `mediaListOptions` (as the GraphQL field). */
export type UserSettings = ProfileChanges & { mediaListOptions?: ListOptionsChanges }

export async function listUser(app: FastifyInstance, name: string, settings?: UserSettings): Promise<ListUser> {
  const user = await makeUser(app, name)
  if (settings) {
    const { mediaListOptions, ...profile } = settings
    await updateProfile(app.kiroku.db, app.kiroku.clock, user.id, profile)
    if (mediaListOptions) await updateListOptions(app.kiroku.db, app.kiroku.clock, user.id, mediaListOptions)
  }
  const { client } = await makeClient(app, ['https://app.example/callback'], `${name}'s app`)
  const { accessToken } = await app.kiroku.tokens.issue({ clientId: client.id, userId: user.id, grantType: 'implicit' })
  return { user, token: accessToken }
}

/** An entry's fields for a test: any subset, dates with any of their parts. */
export type EntrySpec = Partial<Omit<EntryFields, 'startedAt' | 'completedAt'>> & { startedAt?: Partial<FuzzyDate>; completedAt?: Partial<FuzzyDate> }

const fullDate = (date: Partial<FuzzyDate> | undefined): FuzzyDate => ({ year: date?.year ?? null, month: date?.month ?? null, day: date?.day ?? null })

/** Adds entries straight to the store: [mediaId, type, fields], created a second apart from `at`. */
export async function addEntries(app: FastifyInstance, userId: number, entries: Array<[number, MediaType, EntrySpec]>, at?: number): Promise<void> {
  const now = at ?? app.kiroku.clock()
  await insertEntries(
    app.kiroku.db,
    entries.map(([mediaId, mediaType, spec], i) => ({
      userId, mediaId, mediaType, createdAt: now + i, updatedAt: now + i,
      fields: { ...defaultEntryFields(), ...spec, startedAt: fullDate(spec.startedAt), completedAt: fullDate(spec.completedAt) },
    })),
  )
}

/** Sends one document (mutations change things: never twice). */
export function send(app: FastifyInstance, query: string, options: { token?: string; variables?: unknown } = {}) {
  return graphql(app, query, options.token, options.variables)
}
