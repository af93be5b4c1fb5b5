/**
 * Headers for every HTML page. Pages that show tokens, codes or forms must not be cached, framed
 * (clickjacking the Approve button) or leak their URL in a Referer; the CSP allows only our own
 * scripts and styles. Applied to text/html responses only, so JSON APIs keep their own headers.
 */
import type { FastifyInstance } from 'fastify'

export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // No form-action: the Approve form's answer is a redirect to the app, which form-action would block.
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'",
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type')
    if (typeof type === 'string' && type.startsWith('text/html')) {
      for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) reply.header(name, value)
    }
    return payload
  })
}
