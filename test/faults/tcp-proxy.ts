/**
 * A TCP proxy between Kiroku and a shared service (PostgreSQL, Redis) that a test can cut and mend:
 * the service itself keeps running for everyone else, while the server under test loses it.
 */
import net from 'node:net'

export class TcpProxy {
  private server: net.Server | null = null
  private readonly sockets = new Set<net.Socket>()
  private blackHoled = false

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  /** A proxy on a free local port to `host:port`, accepting connections. */
  static async start(host: string, port: number): Promise<TcpProxy> {
    const probe = net.createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const free = (probe.address() as net.AddressInfo).port
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    const proxy = new TcpProxy({ host, port }, free)
    await proxy.listen()
    return proxy
  }

  /** The service is gone: every open connection is reset and new ones are refused. */
  async cut(): Promise<void> {
    const server = this.server
    this.server = null
    for (const socket of this.sockets) socket.resetAndDestroy()
    this.sockets.clear()
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /**
   * The network drops everything without a word (a partition): connections stay open, but nothing
   * passes either way, and new ones are accepted by the proxy but never reach the service.
   */
  blackHole(): void {
    this.blackHoled = true
  }

  /** The service is back: new connections reach it again (black-holed ones stay dead). */
  async mend(): Promise<void> {
    this.blackHoled = false
    if (!this.server) await this.listen()
  }

  async close(): Promise<void> {
    await this.cut()
  }

  private async listen(): Promise<void> {
    const server = net.createServer((client) => this.pipe(client))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.server = server
  }

  private pipe(client: net.Socket): void {
    this.sockets.add(client)
    client.on('error', () => {})
    client.on('close', () => this.sockets.delete(client))
    if (this.blackHoled) return
    const upstream = net.connect(this.target.port, this.target.host)
    this.sockets.add(upstream)
    upstream.on('error', () => client.destroy())
    upstream.on('close', () => {
      this.sockets.delete(upstream)
      client.destroy()
    })
    client.on('close', () => upstream.destroy())
    // Bytes pass only while the network is up; during a black hole they vanish.
    client.on('data', (chunk) => void (this.blackHoled || upstream.write(chunk)))
    upstream.on('data', (chunk) => void (this.blackHoled || client.write(chunk)))
  }
}
