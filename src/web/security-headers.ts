/**
 * Headers for every HTML page. Pages that show tokens, codes or forms must not be cached, framed
 * (clickjacking the Approve button) or leak their URL in a Referer.
 *
 * The CSP is nonce-based: a script runs only if its tag carries this response's nonce (views.ts puts
 * it on every <script> a template writes), and 'strict-dynamic' lets such a script load its own
 * modules. No inline handler, no injected tag and no third-party origin can run; styles, images and
 * fonts come from this server only.
 */
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyReply } from 'fastify'

declare module 'fastify' {
  interface FastifyReply {
    /** This response's CSP nonce, made when a page is rendered; '' when none was. */
    cspNonce: string
  }
}

export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
}

/** The page CSP for a response whose scripts carry `nonce` ('' allows no script at all). */
export function pageCsp(nonce: string): string {
  const scripts = nonce ? `'nonce-${nonce}' 'strict-dynamic'` : "'none'"
  // No form-action: the Approve form's answer is a redirect to the app, which form-action would block.
  return `default-src 'none'; script-src ${scripts}; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'`
}

/** The nonce for this reply's scripts, made on first use (128 random bits, as CSP advises). */
export function cspNonceOf(reply: FastifyReply): string {
  if (!reply.cspNonce) reply.cspNonce = randomBytes(16).toString('base64')
  return reply.cspNonce
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.decorateReply('cspNonce', '')
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type')
    if (typeof type === 'string' && type.startsWith('text/html')) {
      for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) reply.header(name, value)
      // A route may set its own (the explorer's); every other page gets the strict one.
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', pageCsp(reply.cspNonce))
    }
    return payload
  })
}
