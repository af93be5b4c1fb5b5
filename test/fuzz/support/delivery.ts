/**
 * Delivers a prepared request the way the server would really receive it. Most go through app.inject
 * (fast, and the body bytes arrive exactly as made). A request whose head (request line and headers)
 * is larger than Node's limit (16 KiB, which Kiroku keeps) would never reach Kiroku: Node's parser
 * answers it with 431 first. Injected, it would test a server nobody can reach, so such a request is
 * sent over a real socket to the listening server instead, and its real answer is checked.
 */
import http from 'node:http'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'

// Node's default --max-http-header-size.
const MAX_HEAD_BYTES = 16 * 1024

/** A request ready to send: everything computed, so that sending it is all that is timed. */
export interface PreparedRequest {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
  remoteAddress?: string
}

function headBytes(request: PreparedRequest): number {
  let bytes = Buffer.byteLength(`${request.method} ${request.url} HTTP/1.1\r\n`)
  for (const [name, value] of Object.entries(request.headers)) bytes += Buffer.byteLength(`${name}: ${value}\r\n`, 'latin1')
  return bytes
}

const REFUSED_BY_NODE = Symbol('refused by Node before Kiroku saw the request')

/** True for Node's own 431 to a head over its limit: a client error, in Node's shape rather than Kiroku's. */
export function refusedByNode(res: LightMyRequestResponse): boolean {
  return (res as unknown as Record<symbol, boolean>)[REFUSED_BY_NODE] === true
}

/** The answer of a real socket, in the shape of an injected one (what the checks read). */
function asInjectResponse(statusCode: number, headers: http.IncomingHttpHeaders, body: string): LightMyRequestResponse {
  return {
    [REFUSED_BY_NODE]: statusCode === 431,
    statusCode,
    headers,
    body,
    payload: body,
    json: () => JSON.parse(body) as unknown,
  } as unknown as LightMyRequestResponse
}

/**
 * Node refuses an oversized head with 431 and closes the connection; a client still writing its head
 * or body then sees the connection reset instead of the answer. Either way Kiroku never saw the
 * request: the reset is recorded as a refusal by Node (status 0), never as an answer of Kiroku's.
 */
function resetByNode(): LightMyRequestResponse {
  return { [REFUSED_BY_NODE]: true, statusCode: 0, headers: {}, body: '', payload: '', json: () => undefined } as unknown as LightMyRequestResponse
}

const RESET = new Set(['ECONNRESET', 'EPIPE'])

function overSocket(baseUrl: string, request: PreparedRequest): Promise<LightMyRequestResponse> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => (RESET.has(error.code ?? '') ? resolve(resetByNode()) : reject(error))
    const sent = http.request(`${baseUrl}${request.url}`, { method: request.method, headers: request.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve(asInjectResponse(res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString('utf8'))))
      res.on('error', failed)
    })
    sent.on('error', failed)
    sent.end(request.payload)
  })
}

/** Sends the request to `app` (listening at `baseUrl`) and returns the answer. */
export function deliver(app: FastifyInstance, baseUrl: string, request: PreparedRequest): Promise<LightMyRequestResponse> {
  if (headBytes(request) > MAX_HEAD_BYTES) return overSocket(baseUrl, request)
  const options: InjectOptions = { method: request.method as InjectOptions['method'], url: request.url, headers: request.headers, ...(request.payload !== undefined ? { payload: request.payload } : {}), ...(request.remoteAddress ? { remoteAddress: request.remoteAddress } : {}) }
  return app.inject(options)
}
