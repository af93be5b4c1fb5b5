/** Resolvers for staff: `Query.Staff`, `Page.staff`, and the fields of Staff, StaffName, StaffEdge and StaffRoleType. */
import type { Character, Staff } from '../../../people/people.js'
import { STAFF_LANGUAGES, staffLanguageOf } from '../../../people/people.js'
import { countStaff, findStaff } from '../../../people/people-query.js'
import { roleRank, sortItems, sortsByFavourites } from '../../../people/cast-order.js'
import type { VoiceRow } from '../../../people/cast-store.js'
import { NotFoundError } from '../../../errors/refusals.js'
import { placeholderImageUrl } from '../../../web/placeholder-image.js'
import type { GraphqlContext } from '../../server/context.js'
import type { PageRequest } from '../../server/page-request.js'
import type { TypeResolvers } from '../../server/module.js'
import { textAsHtml } from '../../server/text-html.js'
import { mediaById } from '../media/loaders.js'
import { characterById, characterFavourites, rolesByCharacter, rolesByStaff, staffById, staffFavourites, voiceRolesByStaff } from './loaders.js'
import { userPreferredName } from './names.js'
import { personMediaConnection, type PendingEdge } from './person-media.js'
import { connectionOf, pageOfItems } from './connection.js'
import { peopleQuery, type PeopleArgs } from './character-resolvers.js'
import type { CharacterEdgeValue } from './edges.js'

const givenKeys = (args: object) => Object.entries(args).filter(([, v]) => v !== undefined && v !== null).map(([k]) => k)

async function findOneStaff(args: PeopleArgs, ctx: GraphqlContext): Promise<Staff | null> {
  const query = peopleQuery(args, ctx)
  const keys = givenKeys(args)
  if (keys.length === 1 && keys[0] === 'id') return ctx.loaders.of(staffById).load(args.id!)
  const [found] = await findStaff(ctx.kiroku.db, query, { limit: 1, offset: 0 })
  if (found) ctx.loaders.of(staffById).prime(found.id, found)
  return found ?? null
}

/** A voice actor's roles grouped by character, in the order the actor's works and casts give. */
function byCharacter(rows: readonly VoiceRow[]): Array<{ characterId: number; mediaIds: number[]; position: number }> {
  const out = new Map<number, { characterId: number; mediaIds: number[]; position: number }>()
  for (const row of rows) {
    const entry = out.get(row.characterId) ?? { characterId: row.characterId, mediaIds: [], position: out.size + 1 }
    if (!entry.mediaIds.includes(row.mediaId)) entry.mediaIds.push(row.mediaId)
    out.set(row.characterId, entry)
  }
  return [...out.values()]
}

/** A voice actor's roles grouped by work: the characters voiced in each. */
function byMedia(rows: readonly VoiceRow[]): Array<{ mediaId: number; characterIds: number[]; first: VoiceRow; position: number }> {
  const out = new Map<number, { mediaId: number; characterIds: number[]; first: VoiceRow; position: number }>()
  for (const row of rows) {
    const entry = out.get(row.mediaId) ?? { mediaId: row.mediaId, characterIds: [], first: row, position: out.size + 1 }
    if (!entry.characterIds.includes(row.characterId)) entry.characterIds.push(row.characterId)
    out.set(row.mediaId, entry)
  }
  return [...out.values()]
}

const present = <T>(values: ReadonlyArray<T | null>): T[] => values.filter((v): v is T => v !== null)

const Query: TypeResolvers<'Query', unknown> = {
  async Staff(_root, args, ctx) {
    const staff = await findOneStaff(args, ctx)
    if (!staff) throw new NotFoundError()
    return staff
  },
}

const Page: TypeResolvers<'Page', PageRequest> = {
  async staff(page, args, ctx) {
    const found = await findStaff(ctx.kiroku.db, peopleQuery(args, ctx), page.window)
    for (const s of found) ctx.loaders.of(staffById).prime(s.id, s)
    return found
  },
}

const StaffFields: TypeResolvers<'Staff', Staff> = {
  language: (s) => {
    const language = staffLanguageOf(s.languageV2)
    return s.languageV2 && (STAFF_LANGUAGES as readonly string[]).includes(language) ? language : null
  },
  description: (s, args, ctx) => (s.description !== null && args.asHtml ? textAsHtml(ctx, 'description', s.description) : s.description),
  image: (s, _args, ctx) => {
    const fallback = placeholderImageUrl(ctx.kiroku.config.publicUrl, 'staff', s.id)
    return { large: s.image.large ?? s.image.medium ?? fallback, medium: s.image.medium ?? s.image.large ?? fallback }
  },
  siteUrl: (s, _args, ctx) => `${ctx.kiroku.config.publicUrl}/staff/${s.id}`,
  favourites: async (s, _args, ctx) => (await ctx.loaders.of(staffFavourites).load(s.id)) ?? 0,
  // Kiroku takes no staff submissions, and keeps no per-field history.
  updatedAt: () => null,
  staff: () => null,
  submitter: () => null,
  submissionStatus: () => null,
  submissionNotes: () => null,
  async staffMedia(s, args, ctx) {
    const roles = (await ctx.loaders.of(rolesByStaff).load(s.id)) ?? []
    const pending: PendingEdge[] = roles.map((r, i) => ({ mediaId: r.mediaId, position: i + 1, staffRole: r.role }))
    return personMediaConnection(ctx, pending, args)
  },
  async characterMedia(s, args, ctx) {
    const groups = byMedia((await ctx.loaders.of(voiceRolesByStaff).load(s.id)) ?? [])
    const characters = await ctx.loaders.of(characterById).loadMany([...new Set(groups.flatMap((g) => g.characterIds))])
    const byId = new Map(present(characters).map((c) => [c.id, c]))
    const casts = await ctx.loaders.of(rolesByCharacter).loadMany(groups.map((g) => g.first.characterId))
    const pending: PendingEdge[] = groups.map((g, i) => {
      const cast = casts[i]?.find((r) => r.mediaId === g.mediaId)
      return {
        mediaId: g.mediaId, position: g.position, characters: g.characterIds.flatMap((id) => byId.get(id) ?? []),
        characterRole: cast?.role ?? null, characterName: cast?.name ?? null, roleNotes: g.first.roleNotes, dubGroup: g.first.dubGroup,
      }
    })
    return personMediaConnection(ctx, pending, args)
  },
  async characters(s, args, ctx) {
    const groups = byCharacter((await ctx.loaders.of(voiceRolesByStaff).load(s.id)) ?? [])
    const ids = groups.map((g) => g.characterId)
    const [characters, casts, media, counts] = await Promise.all([
      ctx.loaders.of(characterById).loadMany(ids),
      ctx.loaders.of(rolesByCharacter).loadMany(ids),
      ctx.loaders.of(mediaById).loadMany([...new Set(groups.flatMap((g) => g.mediaIds))]),
      sortsByFavourites(args.sort) ? ctx.loaders.of(characterFavourites).loadMany(ids) : Promise.resolve([]),
    ])
    const mediaOf = new Map(present(media).map((m) => [m.id, m]))
    const edges = groups.map((g, i): CharacterEdgeValue & { position: number; favourites: number } => {
      const cast = casts[i]?.find((r) => g.mediaIds.includes(r.mediaId))
      return {
        node: characters[i] ?? null, role: cast?.role ?? null, name: cast?.name ?? null, position: g.position, favourites: counts[i] ?? 0,
        media: g.mediaIds.flatMap((id) => mediaOf.get(id) ?? []),
      }
    })
    const sorted = sortItems(edges, args.sort, { ID: (e) => e.node?.id, ROLE: (e) => roleRank(e.role ?? null), FAVOURITES: (e) => e.favourites, RELEVANCE: (e) => e.position })
    const { items, pageInfo } = pageOfItems(sorted, args)
    return connectionOf<CharacterEdgeValue, Character>(items, pageInfo)
  },
}

const StaffName: TypeResolvers<'StaffName', Staff['name']> = {
  userPreferred: (name, _args, ctx) => userPreferredName(name, ctx),
}

/** A staff member in a connection: in a work's staff (role set) or a favourite. */
export interface StaffEdgeValue {
  node: Staff | null
  role?: string | null
  favouriteOrder?: number
}

const StaffEdge: TypeResolvers<'StaffEdge', StaffEdgeValue> = {
  id: (edge) => edge.node?.id ?? null,
}

export const staffResolvers = { Query, Page, Staff: StaffFields, StaffName, StaffEdge }

/** How many staff `Page.staff` matches with these arguments (for pageInfo). */
export const countMatchingStaff = (args: Record<string, unknown>, ctx: GraphqlContext) => countStaff(ctx.kiroku.db, peopleQuery(args as PeopleArgs, ctx))
