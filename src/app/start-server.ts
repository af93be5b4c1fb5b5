/**
 * startServer(config): builds the server and listens on a real port, returning a handle that says where
 * it listens and closes it. `kiroku serve` wraps it with signal handling; tests use it directly.
 */
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import net from 'node:net'
import { withPort, type Config } from './config.js'
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
  // The port is chosen before the app is built, so that everything built reads the real one and the
  // configuration never changes afterwards. Another process may take a free port between the probe
  // and the listen: a few tries cover that.
  for (let attempt = 1; ; attempt++) {
    const port = config.port === 0 ? await freePort(config.host) : config.port
    const app = await buildServer(withPort(config, port), options)
    try {
      await app.listen({ port, host: config.host })
    } catch (error) {
      await app.close().catch(() => {})
      if (config.port === 0 && attempt < PORT_ATTEMPTS && (error as { code?: unknown }).code === 'EADDRINUSE') continue
      throw error
    }
    const bound = app.server.address() as AddressInfo
    const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address
    return { app, address: `http://${host}:${bound.port}`, close: () => app.close() }
  }
}

const PORT_ATTEMPTS = 5

/** A port free on `host` now: the system's pick for a socket bound to port 0, closed again at once. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, host, () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
