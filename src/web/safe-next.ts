/** Where to send a user after login: only a path on this site, never another origin (open redirect). */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 4000) return '/'
  // "//evil.example" and "/\evil.example" are protocol-relative in browsers; control characters can hide either.
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f\u007f]/.test(next)) return '/'
  // A Location header carries ASCII only: a path such as /日本 would make the redirect fail with a 500,
  // so anything beyond printable ASCII is percent-encoded (a lone surrogate cannot be, and is refused).
  try {
    return next.replace(/[^\x21-\x7e]+/gu, (run) => encodeURIComponent(run))
  } catch {
    return '/'
  }
}
