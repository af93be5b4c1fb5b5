/**
 * The fields the people module adds to Media and MediaEdge: a work's cast and staff as paged
 * connections, and the voice actors of a character's edge in Character.media. Every work on a level
 * reads its cast through one loader call, so a page of works costs the same few queries as one.
 */
import type { Media } from '../../../catalog/media.js'
import type { Character, Staff } from '../../../people/people.js'
import { roleRank, sortItems, sortsByFavourites } from '../../../people/cast-order.js'
import type { CastRow, StaffRoleRow } from '../../../people/cast-store.js'
import type { TypeResolvers } from '../../server/module.js'
import { castByMedia, characterById, characterFavourites, staffById, staffFavourites, staffRolesByMedia } from './loaders.js'
import { connectionOf, pageOfItems } from './connection.js'
import type { CharacterEdgeValue, PersonMediaEdgeValue } from './edges.js'
import type { StaffEdgeValue } from './staff-resolvers.js'
import { voiceRolesOf } from './voices.js'

const MediaFields: TypeResolvers<'Media', Media> = {
  async characters(media, args, ctx) {
    const rows = (await ctx.loaders.of(castByMedia).load(`${media.id}:${args.role ?? ''}`)) ?? []
    const counts = sortsByFavourites(args.sort) ? await ctx.loaders.of(characterFavourites).loadMany(rows.map((r) => r.characterId)) : []
    const favourites = new Map(rows.map((r, i) => [r.characterId, counts[i] ?? 0]))
    const sorted = sortItems<CastRow>(rows, args.sort, {
      ID: (r) => r.characterId, ROLE: (r) => roleRank(r.role), FAVOURITES: (r) => favourites.get(r.characterId), RELEVANCE: (r) => r.position,
    })
    const { items, pageInfo } = pageOfItems(sorted, args)
    const nodes = await ctx.loaders.of(characterById).loadMany(items.map((r) => r.characterId))
    const edges: CharacterEdgeValue[] = items.map((r, i) => ({ node: nodes[i] ?? null, role: r.role, name: r.name, mediaId: media.id }))
    return connectionOf<CharacterEdgeValue, Character>(edges, pageInfo)
  },
  async staff(media, args, ctx) {
    const rows = (await ctx.loaders.of(staffRolesByMedia).load(media.id)) ?? []
    const ids = rows.map((r) => r.staffId)
    const byLanguage = (args.sort ?? []).some((s) => s?.startsWith('LANGUAGE'))
    const [people, counts] = await Promise.all([
      byLanguage ? ctx.loaders.of(staffById).loadMany(ids) : Promise.resolve([]),
      sortsByFavourites(args.sort) ? ctx.loaders.of(staffFavourites).loadMany(ids) : Promise.resolve([]),
    ])
    const language = new Map(ids.map((id, i) => [id, people[i]?.languageV2 ?? null]))
    const favourites = new Map(ids.map((id, i) => [id, counts[i] ?? 0]))
    const sorted = sortItems<StaffRoleRow>(rows, args.sort, {
      ID: (r) => r.staffId, ROLE: (r) => r.role, LANGUAGE: (r) => language.get(r.staffId), FAVOURITES: (r) => favourites.get(r.staffId), RELEVANCE: (r) => r.position,
    })
    const { items, pageInfo } = pageOfItems(sorted, args)
    const nodes = await ctx.loaders.of(staffById).loadMany(items.map((r) => r.staffId))
    const edges: StaffEdgeValue[] = items.map((r, i) => ({ node: nodes[i] ?? null, role: r.role }))
    return connectionOf<StaffEdgeValue, Staff>(edges, pageInfo)
  },
}

const MediaEdge: TypeResolvers<'MediaEdge', PersonMediaEdgeValue> = {
  voiceActors: async (edge, args, ctx) => (await voiceRolesOf(ctx, edge.node?.id, edge.characterId, args)).map((r) => r.voiceActor),
  voiceActorRoles: (edge, args, ctx) => voiceRolesOf(ctx, edge.node?.id, edge.characterId, args),
}

export const mediaPeopleResolvers = { Media: MediaFields, MediaEdge }
