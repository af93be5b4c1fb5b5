/**
 * `Query.Page`: one page of one list field (media here; list entries and users are added beside it)
 * and its pageInfo. pageInfo's total is counted only when asked for, by the counter of whichever list
 * field the page selects, with that field's own arguments.
 */
import { hasNextPage, lastPageOf, pageWindow, type PageInfoValues, type Window } from '../../query/paging.js'
import { getArgumentValues, getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, isObjectType, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql'
import type { Media } from '../../catalog/media.js'
import { countMedia, findMedia } from '../../catalog/media-query.js'
import type { GraphqlContext } from '../context.js'
import { checkMediaArgs, type MediaArgs } from './media.js'
import type { User } from '../../accounts/users.js'
import { countMatchingUsers, findUsers } from '../../accounts/user-query.js'
import { checkUserArgs, type UserArgs } from './user.js'
import { countMediaList } from './media-list.js'
import { onListConditions } from './on-list.js'

/** Counts every item a Page list field would return across all pages, given that field's arguments. */
export type PageCounter = (args: Record<string, unknown>, ctx: GraphqlContext) => Promise<number>

/** One counter per list field of Page. Fields added to Page add their counter here. */
export const PAGE_COUNTERS: Record<string, PageCounter> = {
  media: (args, ctx) => countMedia(ctx.kiroku.db, { filter: checkMediaArgs(args as MediaArgs), extraConditions: onListConditions(args as MediaArgs, ctx) }),
  mediaList: countMediaList,
  users: (args, ctx) => countMatchingUsers(ctx.kiroku.db, checkUserArgs(args as UserArgs)),
}

/** A requested page: its number and size, and what is needed to count the items of its list field. */
export class PageRequest {
  readonly page: number
  readonly perPage: number
  private total: Promise<number> | undefined

  readonly window: Window

  constructor(page: number | null | undefined, perPage: number | null | undefined, private readonly info: GraphQLResolveInfo) {
    const window = pageWindow(page, perPage)
    this.page = window.page
    this.perPage = window.perPage
    this.window = { limit: window.limit, offset: window.offset }
  }

  /** How many items the page's list field matches in all (0 when it selects none); counted once. */
  countAll(ctx: GraphqlContext): Promise<number> {
    this.total ??= this.count(ctx)
    return this.total
  }

  private async count(ctx: GraphqlContext): Promise<number> {
    const pageType = this.info.schema.getType('Page')
    if (!isObjectType(pageType)) return 0
    const fields = pageType.getFields()
    for (const node of this.info.fieldNodes) {
      for (const field of this.selectedFields(node.selectionSet)) {
        const counter = PAGE_COUNTERS[field.name.value]
        const definition = fields[field.name.value]
        if (counter && definition) return counter(getArgumentValues(definition, field, this.info.variableValues), ctx)
      }
    }
    return 0
  }

  /** The fields of a selection set, through fragments, leaving out those @skip or @include drop. */
  private selectedFields(set: SelectionSetNode | undefined): FieldNode[] {
    const out: FieldNode[] = []
    for (const selection of set?.selections ?? []) {
      if (!this.included(selection)) continue
      if (selection.kind === Kind.FIELD) out.push(selection)
      else if (selection.kind === Kind.INLINE_FRAGMENT) out.push(...this.selectedFields(selection.selectionSet))
      else out.push(...this.selectedFields(this.info.fragments[selection.name.value]?.selectionSet))
    }
    return out
  }

  private included(node: Parameters<typeof getDirectiveValues>[1]): boolean {
    if (getDirectiveValues(GraphQLSkipDirective, node, this.info.variableValues)?.if === true) return false
    return getDirectiveValues(GraphQLIncludeDirective, node, this.info.variableValues)?.if !== false
  }
}

type PageInfoSource = PageRequest | PageInfoValues

export const pageResolvers = {
  Query: {
    Page: (_root: unknown, args: { page?: number | null; perPage?: number | null }, _ctx: GraphqlContext, info: GraphQLResolveInfo) =>
      new PageRequest(args.page, args.perPage, info),
  },
  Page: {
    pageInfo: (page: PageRequest) => page,
    async media(page: PageRequest, args: MediaArgs, ctx: GraphqlContext): Promise<Media[]> {
      const media = await findMedia(ctx.kiroku.db, { filter: checkMediaArgs(args), sort: args.sort, extraConditions: onListConditions(args, ctx) }, page.window)
      for (const m of media) ctx.loaders.media.prime(m.id, m)
      return media
    },
    async users(page: PageRequest, args: UserArgs, ctx: GraphqlContext): Promise<User[]> {
      const users = await findUsers(ctx.kiroku.db, { filter: checkUserArgs(args), sort: args.sort }, page.window)
      for (const u of users) ctx.loaders.usersById.prime(u.id, u)
      return users
    },
  },
  PageInfo: {
    total: (page: PageInfoSource, _args: unknown, ctx: GraphqlContext) => (page instanceof PageRequest ? page.countAll(ctx) : page.total),
    perPage: (page: PageInfoSource) => page.perPage,
    currentPage: (page: PageInfoSource) => (page instanceof PageRequest ? page.page : page.currentPage),
    lastPage: async (page: PageInfoSource, _args: unknown, ctx: GraphqlContext) =>
      page instanceof PageRequest ? lastPageOf(await page.countAll(ctx), page.perPage) : page.lastPage,
    hasNextPage: async (page: PageInfoSource, _args: unknown, ctx: GraphqlContext) =>
      page instanceof PageRequest ? hasNextPage(await page.countAll(ctx), page.page, page.perPage) : page.hasNextPage,
  },
}
