/**
 * The cost of a query counted as it runs: the request checks start a meter at the cost of the fields
 * outside any list, and every list of objects, once resolved, adds its real number of items times the
 * cost of one item's fields (lists nested in an item add theirs when they resolve in turn). Statistics
 * add the entries they are computed from. Past MAX_QUERY_COST the list that went over, and every one
 * after it, is refused with a 400. This bounds what the estimate cannot know before running: a whole
 * list collection (its entries repeat once per custom list), a work's relations, a user's statistics.
 */
import { defaultFieldResolver, getNamedType, getNullableType, isCompositeType, isListType, isObjectType, type FieldNode, type GraphQLCompositeType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema, type SelectionSetNode } from 'graphql'
import { CostLimitError } from './errors.js'
import { directCost } from './query-cost.js'
import type { ListSizes } from './list-sizes.js'

export class CostMeter {
  private spent: number
  private readonly itemCosts = new Map<FieldNode, number>()

  constructor(
    readonly limit: number,
    /** The cost of the operation's fields outside any list. */
    start: number,
    private readonly sizes: ListSizes,
  ) {
    this.spent = start
  }

  /** Adds `cost`; throws the 400 once the total is over the limit. */
  charge(cost: number): void {
    this.spent += cost
    if (this.spent > this.limit) {
      throw new CostLimitError(`The query asks for too much at once: as it ran, it reached a cost of ${this.spent}, more than the limit of ${this.limit}. Select fewer fields or ask for smaller pages or chunks (perPage, chunk and perChunk).`)
    }
  }

  /** The cost of one item of the list field `info` resolves, measured once per request. */
  itemCost(info: GraphQLResolveInfo): number {
    const node = info.fieldNodes[0]!
    let cost = this.itemCosts.get(node)
    if (cost === undefined) {
      const sets = info.fieldNodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => s !== undefined)
      cost = directCost(info.schema, info.fragments, info.variableValues, sets, getNamedType(info.returnType) as GraphQLCompositeType, this.sizes)
      this.itemCosts.set(node, cost)
    }
    return cost
  }
}

/** What resolvers may read of the meter: the request's, when the cost limit is on. */
export interface MeteredContext {
  cost?: CostMeter
}

const METERED = Symbol('kiroku.metered')

function countItems(value: unknown): number {
  if (!Array.isArray(value)) return value === null || value === undefined ? 0 : 1
  return value.reduce((n: number, item) => n + countItems(item), 0)
}

function metered(resolve: GraphQLFieldResolver<unknown, MeteredContext>): GraphQLFieldResolver<unknown, MeteredContext> {
  const charge = (value: unknown, meter: CostMeter, info: GraphQLResolveInfo) => {
    const items = countItems(value)
    if (items > 0) meter.charge(items * meter.itemCost(info))
    return value
  }
  const wrapped: GraphQLFieldResolver<unknown, MeteredContext> = (source, args, ctx, info) => {
    const value = resolve(source, args, ctx, info)
    const meter = ctx.cost
    if (!meter) return value
    return value instanceof Promise ? value.then((v) => charge(v, meter, info)) : charge(value, meter, info)
  }
  return Object.assign(wrapped, { [METERED]: true })
}

/** Whether `resolver` is charged by its result's length (for tests that every list of objects is). */
export function isMetered(resolver: unknown): boolean {
  return typeof resolver === 'function' && (resolver as unknown as Record<symbol, unknown>)[METERED] === true
}

type ResolverMap = Record<string, unknown>

/** `resolvers` with every field of `sdl` that returns a list of objects charged by its length. */
export function meterLists(schema: GraphQLSchema, resolvers: ResolverMap): ResolverMap {
  const out: ResolverMap = { ...resolvers }
  for (const type of Object.values(schema.getTypeMap())) {
    // Object types only: graphql-js runs the object's resolver, never an interface's.
    if (type.name.startsWith('__') || !isObjectType(type)) continue
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type)) || !isCompositeType(getNamedType(field.type))) continue
      const fields = { ...(out[type.name] as Record<string, unknown> | undefined) }
      const resolve = fields[field.name]
      // A resolver map entry is a function, or (Mercurius) an object with a `resolve` function.
      if (resolve !== undefined && typeof resolve !== 'function') continue
      fields[field.name] = metered((resolve as GraphQLFieldResolver<unknown, MeteredContext> | undefined) ?? defaultFieldResolver)
      out[type.name] = fields
    }
  }
  return out
}
