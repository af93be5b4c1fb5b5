/** The values the people module's edges resolve from. */
import type { Media } from '../../../catalog/media.js'
import type { Character, CharacterRole } from '../../../people/people.js'

/** A character in a connection: in a work's cast (mediaId set), among an actor's roles (media set), or a favourite. */
export interface CharacterEdgeValue {
  node: Character | null
  role?: CharacterRole | null
  name?: string | null
  /** The work whose cast this is: the voice actors are this work's. */
  mediaId?: number
  /** The works an actor voiced the character in (Staff.characters). */
  media?: Media[]
  favouriteOrder?: number
}

/** A work in a person's connection: Character.media, Staff.staffMedia or Staff.characterMedia. */
export interface PersonMediaEdgeValue {
  node: Media | null
  characterRole?: CharacterRole | null
  characterName?: string | null
  roleNotes?: string | null
  dubGroup?: string | null
  staffRole?: string | null
  /** The characters an actor voiced in the work (Staff.characterMedia). */
  characters?: Character[]
  /** The character whose voice actors the edge's voiceActors are (Character.media). */
  characterId?: number
}
