/**
 * A misbehaving front for the remote: a plain HTTP server that passes requests on to the real remote
 * unless the test's `behave` says otherwise for that request (answer 429, drop the connection midway,
 * answer 503, add rate-limit headers). It counts requests and how many were in flight at once.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type Behaviour =
  | { kind: 'pass'; headers?: Record<string, string> }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Sends the headers and half a body, then cuts the connection. */
  | { kind: 'drop' }

export interface Stub {
  endpoint: string
  requests: number
  maxInFlight: number
  close(): Promise<void>
}

export async function stubInFront(target: string, behave: (n: number, body: { query?: string; variables?: Record<string, any> }) => Behaviour): Promise<Stub> {
  let inFlight = 0
  const stub: Stub = { endpoint: '', requests: 0, maxInFlight: 0, close: async () => {} }
  const server = http.createServer((req, res) => {
    const n = ++stub.requests
    inFlight++
    stub.maxInFlight = Math.max(stub.maxInFlight, inFlight)
    res.on('close', () => void inFlight--)
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      let body = {}
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        // Not JSON: the behaviour sees an empty body.
      }
      const behaviour = behave(n, body)
      if (behaviour.kind === 'status') {
        res.writeHead(behaviour.status, { 'content-type': 'application/json', ...behaviour.headers })
        res.end(behaviour.body ?? JSON.stringify({ data: null, errors: [{ message: behaviour.status === 429 ? 'Too Many Requests.' : 'Service Unavailable', status: behaviour.status }] }))
        return
      }
      const answer = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) })
      const text = await answer.text()
      if (behaviour.kind === 'drop') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) })
        res.write(text.slice(0, Math.floor(text.length / 2)))
        // Give the half a moment to leave, so the client sees a body cut short rather than no answer.
        setTimeout(() => res.socket?.destroy(), 20)
        return
      }
      res.writeHead(answer.status, { 'content-type': 'application/json', ...behaviour.headers })
      res.end(text)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  stub.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`
  stub.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })
  return stub
}
