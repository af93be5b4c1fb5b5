/** `kiroku client create`: registers an OAuth client and prints its id and (only once) its secret. */
import type { Command } from 'commander'
import { findUserByName } from '../accounts/users.js'
import { ClientError, createClient } from '../oauth/clients.js'
import { systemClock } from '../util/clock.js'
import { withDatabase } from './database.js'
import { CliError } from './errors.js'
import type { CliIo } from './io.js'

const collect = (value: string, previous: string[]) => [...previous, value]

export function registerClientCommands(program: Command, io: CliIo): void {
  const client = program.command('client').description('manage OAuth clients (apps)')
  client
    .command('create')
    .description('register a client; prints {"id","secret","name","redirectUris"} as JSON (the secret is shown only here; null for --public)')
    .requiredOption('--name <name>', 'the app name shown on the approval page')
    .requiredOption('--redirect-uri <uri>', 'a redirect URI, matched exactly; repeat for several', collect, [])
    .option('--owner <username>', 'the user who owns the client (listed on their developer page)')
    .option('--public', 'a public client (SPA, mobile app, CLI): no secret ("secret": null), PKCE required for the code grant')
    .option('--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)')
    .action(async (opts: { name: string; redirectUri: string[]; owner?: string; public?: boolean; database?: string }) => {
      await withDatabase(opts.database, async ({ db }) => {
        let ownerUserId: number | null = null
        if (opts.owner !== undefined) {
          const owner = await findUserByName(db, opts.owner)
          if (!owner) throw new CliError(`no user named "${opts.owner}" (for --owner)`)
          ownerUserId = owner.id
        }
        try {
          const { client: created, secret } = await createClient(db, systemClock, { name: opts.name, redirectUris: opts.redirectUri, ownerUserId, isPublic: opts.public ?? false })
          io.stdout(JSON.stringify({ id: created.id, secret, name: created.name, redirectUris: created.redirectUris }) + '\n')
        } catch (error) {
          if (error instanceof ClientError) throw new CliError(error.message)
          throw error
        }
      })
    })
}
