/**
 * When a remembered approval may answer an authorization without showing the page (RFC 8252 §8.6,
 * RFC 9700 §2.1.2): only when the answer goes to an app whose identity the redirect proves. That is a
 * confidential client at an https URI on a real host: TLS and the host name tie the answer to the
 * app's own server. A public client can be impersonated by anyone who knows its id, and a loopback
 * address or a custom scheme can be claimed by any program on the user's machine; answering them at
 * once would hand a token to whichever page triggers the authorize URL. They see the page every time.
 */
import type { ValidAuthorizationRequest } from './request.js'

/** True when this request may be answered from a remembered approval. */
export function mayUseRememberedApproval(request: Pick<ValidAuthorizationRequest, 'client' | 'redirectUri'>): boolean {
  if (request.client.isPublic) return false
  let url: URL
  try {
    url = new URL(request.redirectUri)
  } catch {
    return false
  }
  return url.protocol === 'https:' && !isLoopbackHost(url.hostname)
}

/** localhost and its subdomains (RFC 6761 §6.3), 127.0.0.0/8, ::1 (also IPv4-mapped) and 0.0.0.0. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '0.0.0.0') return true
  // WHATWG URL writes IPv6 hosts in brackets, compressed: [::1], and 127.x mapped as [::ffff:7fxx:xxxx].
  return host === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host) || host === '[::]'
}
