/** `kiroku serve`: runs the server until SIGINT or SIGTERM, then shuts down gracefully. */
import type { Command } from 'commander'
import { ConfigError, loadConfig, type ConfigFlags } from '../config.js'
import { buildServer } from '../server.js'
import { DatabaseUrlError } from '../storage/db.js'
import { DEMO_PASSWORD, DEMO_USER, seedDemo } from '../demo/seed.js'
import { CliError } from './errors.js'
import type { CliIo } from './io.js'

export function registerServeCommand(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the Kiroku server (OAuth pages and endpoints, GraphQL API)')
    .option('--port <port>', 'TCP port (default: PORT or 8080)')
    .option('--host <host>', 'interface to bind (default: HOST or 127.0.0.1)')
    .option('--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)')
    .option('--public-url <url>', 'URL users reach Kiroku at (default: PUBLIC_URL or http://localhost:<port>)')
    .option('--demo', 'on an empty database, create user demo/demo and a "Demo App" client, and print how to try them; add the built-in anime and manga catalog')
    .action(async (flags: ConfigFlags) => {
      let config
      try {
        config = loadConfig(flags)
      } catch (error) {
        if (error instanceof ConfigError) throw new CliError(error.message)
        throw error
      }
      let app
      try {
        app = await buildServer(config)
      } catch (error) {
        if (error instanceof DatabaseUrlError) throw new CliError(error.message)
        throw error
      }
      const address = await app.listen({ port: config.port, host: config.host })
      io.stderr(`Kiroku listening on ${address} (public URL ${config.publicUrl}, database ${app.kiroku.database.describe})\n`)
      if (config.demo) {
        const demo = await seedDemo(app.kiroku)
        if (demo.created) io.stderr(`Demo data created. Log in as ${DEMO_USER} / ${DEMO_PASSWORD}.\n`)
        else io.stderr('The database is not empty: no demo data was created.\n')
        if (demo.catalogAdded > 0) io.stderr(`Built-in catalog: ${demo.catalogAdded} anime and manga added.\n`)
        if (demo.clientId !== null) {
          io.stderr(`Demo App client id: ${demo.clientId}\n`)
          if (demo.clientSecret) io.stderr(`Demo App client secret (shown once): ${demo.clientSecret}\n`)
          io.stderr(`Open this URL to authorize the Demo App:\n  ${demo.authorizeUrl}\n`)
        }
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          io.stderr(`${signal} received: finishing in-flight requests and shutting down\n`)
          app.close().then(resolve, resolve)
        }
        process.once('SIGINT', () => stop('SIGINT'))
        process.once('SIGTERM', () => stop('SIGTERM'))
      })
    })
}
