/** `kiroku user create`: adds an account from the command line (scripts, CI, first admin). */
import type { Command } from 'commander'
import { AccountError, createUser } from '../accounts/users.js'
import { systemClock } from '../util/clock.js'
import { withDatabase } from './database.js'
import { CliError } from './errors.js'
import type { CliIo } from './io.js'

export function registerUserCommands(program: Command, io: CliIo): void {
  const user = program.command('user').description('manage user accounts')
  user
    .command('create')
    .description('create a user; prints {"id":…,"name":…} as JSON')
    .requiredOption('--name <name>', 'the username: 2 to 20 letters or digits')
    .option('--email <email>', 'an email address (optional)')
    .option('--password-stdin', 'read the password from standard input (required; keeps it out of the shell history and process list)')
    .option('--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)')
    .action(async (opts: { name: string; email?: string; passwordStdin?: boolean; database?: string }) => {
      if (!opts.passwordStdin) throw new CliError('--password-stdin is required: pipe the password on standard input')
      // Only the line break that ends the input is dropped; other whitespace belongs to the password.
      const password = (await io.readStdin()).replace(/\r?\n$/, '')
      if (password === '') throw new CliError('no password on standard input')
      await withDatabase(opts.database, async ({ db }) => {
        try {
          const created = await createUser(db, systemClock, { name: opts.name, email: opts.email ?? null, password })
          io.stdout(JSON.stringify({ id: created.id, name: created.name }) + '\n')
        } catch (error) {
          if (error instanceof AccountError) throw new CliError(error.message)
          throw error
        }
      })
    })
}
