/**
 * `kiroku user create`: adds an account from the command line (scripts, CI, first admin).
 * `kiroku user role`: grants or takes back a role on the site's team (accounts/roles.ts); the only way
 * to make a moderator, so that no request can promote its own user.
 */
import type { Command } from 'commander'
import { AccountError, createUser, findUserByName } from '../accounts/users.js'
import { grantRole, isRole, revokeRole, rolesOf, ROLES } from '../accounts/roles.js'
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
  user
    .command('role')
    .description(`show, grant or take back a user's roles (${ROLES.join(', ')}); prints {"name":…,"roles":[…]} as JSON`)
    .requiredOption('--name <name>', 'the username')
    .option('--add <role>', 'grant this role')
    .option('--remove <role>', 'take this role back')
    .option('--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)')
    .action(async (opts: { name: string; add?: string; remove?: string; database?: string }) => {
      for (const role of [opts.add, opts.remove]) {
        if (role !== undefined && !isRole(role)) throw new CliError(`unknown role "${role}": the roles are ${ROLES.join(', ')}`)
      }
      if (opts.add !== undefined && opts.add === opts.remove) throw new CliError('--add and --remove name the same role')
      await withDatabase(opts.database, async ({ db }) => {
        const found = await findUserByName(db, opts.name)
        if (!found) throw new CliError(`no user is named "${opts.name}"`)
        if (opts.add !== undefined && isRole(opts.add)) await grantRole(db, systemClock, found.id, opts.add)
        if (opts.remove !== undefined && isRole(opts.remove)) await revokeRole(db, found.id, opts.remove)
        io.stdout(JSON.stringify({ name: found.name, roles: await rolesOf(db, found.id) }) + '\n')
      })
    })
}
