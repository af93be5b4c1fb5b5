/**
 * Where a picture Kiroku has no image for is drawn: every Media, Character and Staff answers an
 * image URL that resolves, the imported one when there is one, else this server's placeholder (an
 * SVG with the name, drawn by the route in site/). The URL names only the kind and id; the route
 * looks the name up, so nothing a client sends is ever drawn.
 */

export type PlaceholderKind = 'media' | 'character' | 'staff' | 'studio'

/** The placeholder picture of one item, on this server. */
export function placeholderImageUrl(publicUrl: string, kind: PlaceholderKind, id: number): string {
  return `${publicUrl}/img/placeholder/${kind}/${id}.svg`
}
