/**
 * Which addresses rendered HTML may point at, and how a value is written into an attribute. Only
 * absolute http(s) URLs are let through: javascript:, data:, vbscript:, file:, protocol-relative and
 * relative addresses stay text, so a link or an image can never run script or reach a local page.
 */

const HTTP_URL = /^https?:\/\/[^\s/?#]/i

/** True for an absolute http:// or https:// URL with a host (the only links and images rendered). */
export function isSafeUrl(url: string): boolean {
  return HTTP_URL.test(url)
}

/** What every link the renderer writes carries: no window.opener, no Referer, no ranking for the target. */
export const LINK_REL = 'noopener noreferrer nofollow'

const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** A value escaped for an attribute in either kind of quotes (markdown-it's own escape leaves `'` alone). */
export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ATTRIBUTE_ESCAPES[c]!)
}
