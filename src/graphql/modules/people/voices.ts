/**
 * A character's voice actors in one work, as CharacterEdge.voiceActors / voiceActorRoles and
 * MediaEdge.voiceActors / voiceActorRoles answer them: one language (Japanese unless asked), in
 * StaffSort order; batched across every edge of a level through the loaders.
 */
import { DEFAULT_VOICE_LANGUAGE, type Staff } from '../../../people/people.js'
import { sortItems, sortsByFavourites } from '../../../people/cast-order.js'
import type { VoiceRow } from '../../../people/cast-store.js'
import type { GraphqlContext } from '../../server/context.js'
import { staffById, staffFavourites, voiceActorsByPair } from './loaders.js'

export interface VoiceArgs {
  language?: string | null
  sort?: ReadonlyArray<string | null> | null
}

export interface VoiceRole {
  voiceActor: Staff
  roleNotes: string | null
  dubGroup: string | null
}

/** The roles, in order; empty for an edge that is not a character in a work. */
export async function voiceRolesOf(ctx: GraphqlContext, mediaId: number | undefined, characterId: number | undefined, args: VoiceArgs): Promise<VoiceRole[]> {
  if (mediaId === undefined || characterId === undefined) return []
  const language = args.language ?? DEFAULT_VOICE_LANGUAGE
  const rows = (await ctx.loaders.of(voiceActorsByPair).load(`${mediaId}:${characterId}:${language}`)) ?? []
  const ids = rows.map((r) => r.staffId)
  const [staff, counts] = await Promise.all([
    ctx.loaders.of(staffById).loadMany(ids),
    sortsByFavourites(args.sort) ? ctx.loaders.of(staffFavourites).loadMany(ids) : Promise.resolve([]),
  ])
  const byId = new Map(staff.filter((s): s is Staff => s !== null).map((s) => [s.id, s]))
  const favourites = new Map(ids.map((id, i) => [id, counts[i] ?? 0]))
  const sorted = sortItems<VoiceRow>(rows, args.sort, {
    ID: (r) => r.staffId,
    LANGUAGE: (r) => r.language,
    ROLE: (r) => r.roleNotes,
    FAVOURITES: (r) => favourites.get(r.staffId),
    RELEVANCE: (r) => r.position,
  })
  return sorted.flatMap((r) => {
    const voiceActor = byId.get(r.staffId)
    return voiceActor ? [{ voiceActor, roleNotes: r.roleNotes, dubGroup: r.dubGroup }] : []
  })
}
