/**
 * `kiroku client secret --id N`: issues a new secret for a confidential client whose secret was lost
 * (or never seen: `serve --demo` does not print the demo client's into a pipe or a log). Prints
 * {"id","secret"}; the previous secret stops working at once.
 */
import type { Command } from 'commander'
import { issueClientSecret } from '../oauth/clients.js'
import { withExistingDatabase } from './database.js'
import { CliError } from './errors.js'
import type { CliIo } from './io.js'

/** The client id an --id flag names, or a CliError. */
function clientId(text: string): number {
  const id = /^[1-9]\d{0,15}$/.test(text) ? Number(text) : NaN
  if (!Number.isSafeInteger(id)) throw new CliError(`--id must be a client id (a positive whole number), not ${JSON.stringify(text)}`)
  return id
}

/** Adds `secret` to the program's `client` command (registered by client.ts). */
export function registerClientSecretCommand(program: Command, io: CliIo): void {
  const client = program.commands.find((c) => c.name() === 'client') ?? program.command('client').description('manage OAuth clients (apps)')
  client
    .command('secret')
    .description('issue a new secret for a confidential client; prints {"id","secret"} as JSON (shown only here); the previous secret stops working at once')
    .requiredOption('--id <id>', 'the client id')
    .option('--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)')
    .action(async (opts: { id: string; database?: string }) => {
      const id = clientId(opts.id)
      await withExistingDatabase(opts.database, async ({ db }) => {
        const issued = await issueClientSecret(db, id)
        if ('refused' in issued) {
          throw new CliError(issued.refused === 'public_client' ? `client ${id} is a public client: it has no secret (it uses PKCE)` : `there is no client ${id}`)
        }
        io.stdout(JSON.stringify({ id, secret: issued.secret }) + '\n')
        io.stderr('The previous secret no longer works.\n')
      })
    })
}
