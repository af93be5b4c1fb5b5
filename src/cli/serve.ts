/** `kiroku serve`: runs the server until SIGINT or SIGTERM, then shuts down gracefully. */
import type { Command } from 'commander'
import { ConfigError, loadConfig, type Config, type ConfigFlags } from '../app/config.js'
import { startServer, type RunningServer } from '../app/start-server.js'
import type { BuildOptions } from '../app/build-server.js'
import { chooseLogFormat, jsonLogStream, prettyLogStream } from '../app/log-output.js'
import { DatabaseUrlError } from '../storage/db.js'
import { DEMO_PASSWORD, DEMO_PUBLIC_REDIRECT_URI, DEMO_USER, seedDemo } from '../demo/seed.js'
import { DEMO_LISTS } from '../demo/list-data.js'
import { DEMO_LIST_PASSWORD } from '../demo/lists.js'
import { PIN_PATH } from '../oauth/pin-routes.js'
import { CliError } from './errors.js'
import type { CliIo } from './io.js'

/** Adds `kiroku serve` to the program. */
export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the Kiroku server (OAuth pages and endpoints, GraphQL API)')
    .option('--port <port>', 'TCP port; 0 picks a free one (default: PORT or 8080)')
    .option('--host <host>', 'interface to bind (default: HOST or 127.0.0.1)')
    .option('--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)')
    .option('--public-url <url>', 'URL users reach Kiroku at; a port of 0 means the port bound (default: PUBLIC_URL or http://localhost:<port>)')
    .option('--demo', 'on an empty database, create user demo/demo, a "Demo App" client and a public "Demo Public App" (PKCE, device flow), and print how to try them; add the built-in anime and manga catalog')
    .addHelpText(
      'after',
      '\nLogs go to standard output: human-readable (pino-pretty) when it is a terminal, JSON lines otherwise.\n' +
        'LOG_FORMAT=json or LOG_FORMAT=pretty chooses one either way (default: auto); LOG_LEVEL sets the level (default: info).\n' +
        'Every setting and its environment variable: README.md, "Configuration".\n',
    )
    .action(async (flags: ConfigFlags) => {
      const settings = configFrom(flags)
      const server = await start(settings, await logOptions(settings, io))
      try {
        const { config } = server.app.kiroku
        const em = emphasis(io)
        io.stderr(`Kiroku listening on ${server.address} (public URL ${config.publicUrl}, database ${server.app.kiroku.database.describe})\n`)
        io.stderr(`Site: ${em(`${config.publicUrl}/`)} · GraphQL explorer: ${em(`${config.publicUrl}/graphiql`)}\n`)
        if (config.demo) await announceDemo(server, io)
        if (io.stderrIsTTY) io.stderr('\n')
        const signal = await io.untilStopped()
        io.stderr(`${signal} received: finishing in-flight requests and shutting down\n`)
      } finally {
        await server.close()
      }
    })
}

function configFrom(flags: ConfigFlags): Config {
  try {
    return loadConfig(flags)
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message)
    throw error
  }
}

/**
 * How the server logs (app/log-output.ts): pretty, with one line per request, when LOG_FORMAT or a
 * terminal on stdout asks for it; otherwise JSON lines (through `io.log` when the caller collects them).
 */
async function logOptions(config: Config, io: CliIo): Promise<BuildOptions> {
  const stdoutIsTTY = io.stdoutIsTTY === true
  const write = io.log ?? ((text: string) => void process.stdout.write(text))
  if (chooseLogFormat(config.logFormat, stdoutIsTTY) === 'pretty') return { logStream: await prettyLogStream(write, stdoutIsTTY), conciseRequestLogs: true }
  return io.log ? { logStream: jsonLogStream(io.log) } : {}
}

/** Makes a URL stand out on a terminal (bold, underlined); elsewhere (a log file) leaves it as it is. */
function emphasis(io: CliIo): (text: string) => string {
  return io.stderrIsTTY ? (text) => `\x1b[1;4m${text}\x1b[0m` : (text) => text
}

async function start(config: Config, options: BuildOptions): Promise<RunningServer> {
  try {
    return await startServer(config, options)
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new CliError(error.message)
    throw error
  }
}

/** Seeds the demo data when the database is empty, and prints how to use it. */
async function announceDemo(server: RunningServer, io: CliIo): Promise<void> {
  const demo = await seedDemo(server.app.kiroku)
  const em = emphasis(io)
  if (demo.created) io.stderr(`Demo data created. Log in as ${DEMO_USER} / ${DEMO_PASSWORD}.\n`)
  else io.stderr('The database is not empty: no demo data was created.\n')
  if (demo.catalogAdded > 0) io.stderr(`Built-in catalog: ${demo.catalogAdded} anime and manga added.\n`)
  if (demo.listEntriesAdded > 0) io.stderr(`Demo lists: ${demo.listEntriesAdded} entries added for ${DEMO_LISTS.map((l) => l.name).join(', ')} (the others log in with password ${DEMO_LIST_PASSWORD} too).\n`)
  if (demo.clientId !== null) {
    io.stderr(`Demo App client id: ${demo.clientId}\n`)
    announceDemoSecret(demo.clientId, demo.clientSecret, io)
    io.stderr(`Open this URL to authorize the Demo App:\n  ${em(String(demo.authorizeUrl))}\n`)
    // An earlier --demo under another public URL (another port) registered that URL's PIN page, which
    // approval would then redirect to: say so rather than let the printed URL lead nowhere.
    const pinUrl = `${server.app.kiroku.config.publicUrl}${PIN_PATH}`
    if (!demo.redirectUris.includes(pinUrl)) {
      io.stderr(`Warning: the Demo App redirects to ${demo.redirectUris.join(', ')}, not to this server's ${pinUrl}: serve with the public URL it was made under, or start from an empty database.\n`)
    }
  }
  if (demo.publicClientId !== null) {
    io.stderr(`Demo Public App client id: ${demo.publicClientId} (public, no secret: PKCE code flow to ${DEMO_PUBLIC_REDIRECT_URI} on any port, or the device flow)\n`)
  }
}

/**
 * The demo client's secret goes to the person at the terminal and nowhere else: stderr carries the
 * server's messages into whatever collects its logs, and stdout may be a pipe or a file. It is
 * printed once, when just made and stdout is a terminal; otherwise only how to get a new one is.
 */
function announceDemoSecret(clientId: number, secret: string | null, io: CliIo): void {
  const howToRenew = `\`kiroku client secret --id ${clientId}\` (with this server's --database) issues a new one`
  if (secret && io.stdoutIsTTY) {
    io.stdout(`Demo App client secret (shown only now): ${secret}\n`)
    io.stderr(`Lost it? ${howToRenew}.\n`)
  } else if (secret) {
    io.stderr(`Demo App client secret: not printed, because standard output is not a terminal (it would end up in a log). ${howToRenew}.\n`)
  } else {
    io.stderr(`Demo App client secret: shown only when it was made; ${howToRenew}.\n`)
  }
}
