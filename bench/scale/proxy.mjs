// A round-robin HTTP reverse proxy, as a child process of run.mjs so that its CPU is its own.
// Usage: node proxy.mjs URL [URL…]. Each request goes to the next upstream in turn, over a keep-alive
// agent per upstream (no new TCP connection per request, as a production proxy would pool them).
// Sends {type:'ready', url, pid} over IPC; answers 502 when an upstream fails.
import http from 'node:http'

const upstreams = process.argv.slice(2).map((href) => {
  const u = new URL(href)
  return { hostname: u.hostname, port: Number(u.port), agent: new http.Agent({ keepAlive: true, maxSockets: 64 }) }
})
if (upstreams.length === 0) {
  console.error('usage: node proxy.mjs URL [URL…]')
  process.exit(2)
}

let next = 0
const server = http.createServer((req, res) => {
  const upstream = upstreams[next]
  next = (next + 1) % upstreams.length
  const forward = http.request({ hostname: upstream.hostname, port: upstream.port, agent: upstream.agent, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers)
    answer.pipe(res)
  })
  forward.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
    res.end('bad gateway')
  })
  req.pipe(forward)
})
server.keepAliveTimeout = 30_000
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address()
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}`, pid: process.pid })
})
process.on('SIGTERM', () => process.exit(0))
process.on('SIGINT', () => process.exit(0))
