/**
 * A user's own pictures (avatar, banner): shown only when this server serves them, as every picture
 * on the site (the CSP allows img-src 'self'); a picture on another host is not shown.
 */

/** The avatar of a user who has none this server serves (GraphQL's User.avatar default too). */
export const DEFAULT_AVATAR_LARGE = '/static/default-avatar-large.png'

/** The picture's path on this server, or null when it has none or it lives on another host. */
export function localPicture(url: string | null | undefined, publicUrl: string): string | null {
  if (!url) return null
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url
  if (url.startsWith(`${publicUrl}/`)) return url.slice(publicUrl.length)
  return null
}
