/**
 * `Query.Page`: one page of one list field and its pageInfo. The list fields come from the domain
 * modules (Page.media, Page.users…), each with a counter; pageInfo's total is counted only when asked
 * for, by the counter of whichever list field the page selects, with that field's own arguments.
 */
import { getArgumentValues, getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, isObjectType, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql'
import { hasNextPage, lastPageOf, pageWindow, type Window } from '../../query/paging.js'
import type { GraphqlContext } from './context.js'

/** Counts every item a Page list field would return across all pages, given that field's arguments. */
export type PageCounter = (args: Record<string, unknown>, ctx: GraphqlContext) => Promise<number>

/** A requested page: its number and size, and what is needed to count the items of its list field. */
export class PageRequest {
  readonly page: number
  readonly perPage: number
  private total: Promise<number> | undefined

  readonly window: Window

  constructor(
    page: number | null | undefined,
    perPage: number | null | undefined,
    private readonly info: GraphQLResolveInfo,
    private readonly counters: Readonly<Record<string, PageCounter>>,
  ) {
    const window = pageWindow(page, perPage)
    this.page = window.page
    this.perPage = window.perPage
    this.window = { limit: window.limit, offset: window.offset }
  }

  /** The number of the last page. */
  async lastPage(ctx: GraphqlContext): Promise<number> {
    return lastPageOf(await this.countAll(ctx), this.perPage)
  }

  /** Whether a page follows this one. */
  async hasNextPage(ctx: GraphqlContext): Promise<boolean> {
    return hasNextPage(await this.countAll(ctx), this.page, this.perPage)
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
        const counter = Object.hasOwn(this.counters, field.name.value) ? this.counters[field.name.value] : undefined
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
