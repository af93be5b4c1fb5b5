/** Users for the GraphQL user tests: accounts with tokens, and many accounts at once without hashing. */
import type { FastifyInstance } from 'fastify'
import type { User } from '../../src/accounts/users.js'
import { makeClient, makeUser } from './flow.js'

/** An access token for the user, as an approved app would hold it. */
export async function tokenFor(app: FastifyInstance, user: User): Promise<string> {
  const { client } = await makeClient(app)
  return (await app.kiroku.tokens.issue({ clientId: client.id, userId: user.id, grantType: 'implicit' })).accessToken
}

/** A new user (with a password, as sign-up makes them) and a token for them. */
export async function userWithToken(app: FastifyInstance, name = 'alice'): Promise<{ user: User; token: string }> {
  const user = await makeUser(app, name)
  return { user, token: await tokenFor(app, user) }
}

/**
 * Accounts straight into the table, for tests that need dozens of users: they have no usable password
 * (hashing fifty would only slow the test), which GraphQL reads never look at.
 */
export async function insertUsers(app: FastifyInstance, names: string[], createdAt = app.kiroku.clock()): Promise<number[]> {
  const ids: number[] = []
  for (const name of names) {
    const row = await app.kiroku.db
      .insertInto('users')
      .values({ name, name_key: name.toLowerCase(), email: `${name.toLowerCase()}@example.test`, password_hash: 'not-a-hash', created_at: createdAt, updated_at: createdAt })
      .returning('id')
      .executeTakeFirstOrThrow()
    ids.push(row.id)
  }
  return ids
}
