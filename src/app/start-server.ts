/**
 * startServer(config): builds the server and listens on a real port, returning a handle that says where
 * it listens and closes it. `kiroku serve` wraps it with signal handling; tests use it directly.
 */
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { Config } from './config.js'
import { buildServer, type BuildOptions } from './build-server.js'

export interface RunningServer {
  app: FastifyInstance
  /** Where the server listens, as a URL without a trailing slash, with the port actually bound. */
  address: string
  /** Stops accepting connections, finishes in-flight requests and closes the database. */
  close(): Promise<void>
}

/**
 * Builds and starts the server. Port 0 asks the system for a free port; a public URL whose port is 0
 * then gets that port, so `--port 0 --public-url http://127.0.0.1:0` names the real address.
 */
export async function startServer(config: Config, options: BuildOptions = {}): Promise<RunningServer> {
  const app = await buildServer(config, options)
  try {
    await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    await app.close().catch(() => {})
    throw error
  }
  const bound = app.server.address() as AddressInfo
  const publicUrl = new URL(config.publicUrl)
  if (publicUrl.port === '0') {
    publicUrl.port = String(bound.port)
    // The config object is the one every module reads at request time: this is its only change after build.
    app.kiroku.config.publicUrl = publicUrl.href.replace(/\/+$/, '')
  }
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address
  return { app, address: `http://${host}:${bound.port}`, close: () => app.close() }
}
