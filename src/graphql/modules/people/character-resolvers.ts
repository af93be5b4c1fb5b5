/** Resolvers for characters: `Query.Character`, `Page.characters`, and the fields of Character, CharacterName and CharacterEdge. */
import type { Character } from '../../../people/people.js'
import { countCharacters, findCharacters, checkPeopleFilter, monthDayOf, type PeopleFilter } from '../../../people/people-query.js'
import { NotFoundError } from '../../../errors/refusals.js'
import { placeholderImageUrl } from '../../../web/placeholder-image.js'
import type { GraphqlContext } from '../../server/context.js'
import type { PageRequest } from '../../server/page-request.js'
import type { TypeResolvers } from '../../server/module.js'
import { textAsHtml } from '../../server/text-html.js'
import { characterById, characterFavourites, rolesByCharacter } from './loaders.js'
import { userPreferredName } from './names.js'
import { personMediaConnection } from './person-media.js'
import type { CharacterEdgeValue } from './edges.js'
import { voiceRolesOf } from './voices.js'

export type PeopleArgs = PeopleFilter & { sort?: ReadonlyArray<string | null> | null }

const givenKeys = (args: object) => Object.entries(args).filter(([, v]) => v !== undefined && v !== null).map(([k]) => k)

/** The query over the people tables for these arguments, today being the server's clock's day. */
export function peopleQuery(args: PeopleArgs, ctx: GraphqlContext) {
  const { sort, ...filter } = args
  return { filter: checkPeopleFilter(filter), sort, today: monthDayOf(ctx.kiroku.clock()) }
}

/** One character by id through the loader (several aliased `Character(id:)` fields cost one query), else the first match. */
async function findOneCharacter(args: PeopleArgs, ctx: GraphqlContext): Promise<Character | null> {
  const query = peopleQuery(args, ctx)
  const keys = givenKeys(args)
  if (keys.length === 1 && keys[0] === 'id') return ctx.loaders.of(characterById).load(args.id!)
  const [found] = await findCharacters(ctx.kiroku.db, query, { limit: 1, offset: 0 })
  if (found) ctx.loaders.of(characterById).prime(found.id, found)
  return found ?? null
}

const Query: TypeResolvers<'Query', unknown> = {
  async Character(_root, args, ctx) {
    const character = await findOneCharacter(args, ctx)
    if (!character) throw new NotFoundError()
    return character
  },
}

const Page: TypeResolvers<'Page', PageRequest> = {
  async characters(page, args, ctx) {
    const found = await findCharacters(ctx.kiroku.db, peopleQuery(args, ctx), page.window)
    for (const c of found) ctx.loaders.of(characterById).prime(c.id, c)
    return found
  },
}

const CharacterFields: TypeResolvers<'Character', Character> = {
  description: (c, args, ctx) => (c.description !== null && args.asHtml ? textAsHtml(ctx, 'description', c.description) : c.description),
  image: (c, _args, ctx) => {
    const fallback = placeholderImageUrl(ctx.kiroku.config.publicUrl, 'character', c.id)
    return { large: c.image.large ?? c.image.medium ?? fallback, medium: c.image.medium ?? c.image.large ?? fallback }
  },
  siteUrl: (c, _args, ctx) => `${ctx.kiroku.config.publicUrl}/character/${c.id}`,
  favourites: async (c, _args, ctx) => (await ctx.loaders.of(characterFavourites).load(c.id)) ?? 0,
  // AniList stopped answering it; so does Kiroku.
  updatedAt: () => null,
  async media(c, args, ctx) {
    const roles = (await ctx.loaders.of(rolesByCharacter).load(c.id)) ?? []
    const pending = roles.map((r) => ({
      mediaId: r.mediaId, position: r.position, characterId: c.id, characterRole: r.role, characterName: r.name, roleNotes: r.roleNotes, dubGroup: r.dubGroup,
    }))
    return personMediaConnection(ctx, pending, args)
  },
}

const CharacterName: TypeResolvers<'CharacterName', Character['name']> = {
  userPreferred: (name, _args, ctx) => userPreferredName(name, ctx),
}

const CharacterEdge: TypeResolvers<'CharacterEdge', CharacterEdgeValue> = {
  id: (edge) => edge.node?.id ?? null,
  voiceActors: async (edge, args, ctx) => (await voiceRolesOf(ctx, edge.mediaId, edge.node?.id, args)).map((r) => r.voiceActor),
  voiceActorRoles: (edge, args, ctx) => voiceRolesOf(ctx, edge.mediaId, edge.node?.id, args),
}

export const characterResolvers = { Query, Page, Character: CharacterFields, CharacterName, CharacterEdge }

/** How many characters `Page.characters` matches with these arguments (for pageInfo). */
export const countMatchingCharacters = (args: Record<string, unknown>, ctx: GraphqlContext) => countCharacters(ctx.kiroku.db, peopleQuery(args as PeopleArgs, ctx))
