/**
 * What a placeholder picture shows for one item: its name and colour, looked up through the domain
 * functions that own the item (the URL names only the kind and id, so nothing a client sends is drawn).
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { PlaceholderKind } from '../web/placeholder-image.js'
import { loadMediaByIds } from '../catalog/media-store.js'

export interface PlaceholderSubject {
  /** The name to draw, or null when none is known (the picture then shows the id alone). */
  name: string | null
  /** The item's own colour ('#rrggbb'), or null to derive one from the id. */
  colour: string | null
  /** False when no such item exists (yet): the picture is still drawn, but cached for less long. */
  known: boolean
}

const UNKNOWN: PlaceholderSubject = { name: null, colour: null, known: false }

/** The name and colour to draw for one item: one primary-key read for media, none for the rest yet. */
export async function placeholderSubject(db: Kysely<Tables>, kind: PlaceholderKind, id: number): Promise<PlaceholderSubject> {
  switch (kind) {
    case 'media': {
      const media = (await loadMediaByIds(db, [id])).get(id)
      if (!media) return UNKNOWN
      const title = media.title
      return { name: title.romaji ?? title.english ?? title.native, colour: media.coverImage.color, known: true }
    }
    // The name lookup plugs in here once the people domain (characters, staff) and studios land:
    // a character's or staff member's full name, a studio's name, each through its owner's
    // functions. Until then they draw the id-only picture, as an unknown item does.
    case 'character':
    case 'staff':
    case 'studio':
      return UNKNOWN
  }
}
