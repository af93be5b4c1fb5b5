/**
 * What a placeholder picture shows for one item: its name and colour, looked up through the domain
 * functions that own the item (the URL names only the kind and id, so nothing a client sends is drawn).
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { PlaceholderKind } from '../web/placeholder-image.js'
import { loadMediaByIds } from '../catalog/media-store.js'
import { loadStudiosByIds } from '../catalog/studios.js'
import { loadCharactersByIds, loadStaffByIds } from '../people/person-store.js'

export interface PlaceholderSubject {
  /** The name to draw, or null when none is known (the picture then shows the id alone). */
  name: string | null
  /** The item's own colour ('#rrggbb'), or null to derive one from the id. */
  colour: string | null
  /** False when no such item exists (yet): the picture is still drawn, but cached for less long. */
  known: boolean
}

const UNKNOWN: PlaceholderSubject = { name: null, colour: null, known: false }

/** The name and colour to draw for one item: one primary-key read through the item's owner. */
export async function placeholderSubject(db: Kysely<Tables>, kind: PlaceholderKind, id: number): Promise<PlaceholderSubject> {
  switch (kind) {
    case 'media': {
      const media = (await loadMediaByIds(db, [id])).get(id)
      if (!media) return UNKNOWN
      const title = media.title
      return { name: title.romaji ?? title.english ?? title.native, colour: media.coverImage.color, known: true }
    }
    case 'character': {
      const character = (await loadCharactersByIds(db, [id])).get(id)
      return character ? { name: character.name.full ?? character.name.native, colour: null, known: true } : UNKNOWN
    }
    case 'staff': {
      const staff = (await loadStaffByIds(db, [id])).get(id)
      return staff ? { name: staff.name.full ?? staff.name.native, colour: null, known: true } : UNKNOWN
    }
    case 'studio': {
      const studio = (await loadStudiosByIds(db, [id])).get(id)
      return studio ? { name: studio.name, colour: null, known: true } : UNKNOWN
    }
  }
}
