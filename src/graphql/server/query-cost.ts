/**
 * How much work an operation asks for, from the document, the schema and the values it will really
 * run with (variables coerced, their defaults and the arguments' defaults filled in):
 * - every field costs 1, plus 1 per value in its list arguments (`id_in`, `ids`, `sort`…);
 *   `__typename` costs nothing;
 * - a list of objects multiplies its items' cost by the number of items it can really hold
 *   (list-sizes.ts: a Page's clamped perPage, 50 when absent; a collection chunk's entries…); a list
 *   of plain values is one field;
 * - introspection is costed by the real size of its answer, read from the schema.
 * The estimate is made before the query runs; "direct" costs, which count each list field but none of
 * its items, are what cost-meter.ts adds up while it runs, as each list's real length becomes known.
 * The document has not been validated when this runs: unknown fields count 1 and fragment cycles count
 * nothing (validation refuses both right after).
 */
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  typeFromAST,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql'
import { introspectionCost } from './introspection-cost.js'
import type { ListSizes, Scope } from './list-sizes.js'

/** How many items a list without a size rule (a schema other than Kiroku's, in tests) is assumed to hold. */
export const UNRULED_LIST_SIZE = 10

type Values = Record<string, unknown>
/** What the lists of one object are sized by: an opened scope, or a group's share of its collection. */
type InheritedScope = Scope | { perGroup: number }

/** The fragments of a document by name. */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const out: Record<string, FragmentDefinitionNode> = Object.create(null)
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) out[definition.name.value] = definition
  return out
}

/** The variables an operation runs with: coerced as graphql-js will, defaults from the document filled in. */
export function operationVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, inputs: Values): Values {
  const definitions = operation.variableDefinitions ?? []
  const result = getVariableValues(schema, definitions, inputs, { maxErrors: 1 })
  if (result.coerced) return result.coerced
  // Values graphql-js will refuse: cost what was sent, which the refusal makes moot.
  const out: Values = { ...inputs }
  for (const definition of definitions) {
    const name = definition.variable.name.value
    if (out[name] !== undefined || !definition.defaultValue) continue
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined
    if (type) out[name] = valueFromAST(definition.defaultValue, type)
  }
  return out
}

/** How many values a (coerced) argument holds in lists, at any depth. */
export function listedValues(value: unknown): number {
  if (Array.isArray(value)) return value.length + value.reduce((n: number, item) => n + listedValues(item), 0)
  if (value !== null && typeof value === 'object') return Object.values(value).reduce((n: number, item) => n + listedValues(item), 0)
  return 0
}

class CostWalker {
  private readonly measured = new Map<string, number>()
  private readonly inProgress = new Set<string>()

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Values,
    private readonly sizes: ListSizes,
    /** Estimate lists by their size, or count each list field alone (its items are charged as they resolve). */
    private readonly mode: 'estimate' | 'direct',
  ) {}

  selection(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, scope: InheritedScope | undefined): number {
    let total = 0
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += this.field(selection, parent, scope)
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += this.selection(selection.selectionSet, conditionType(this.schema, selection.typeCondition?.name.value) ?? parent, scope)
      else total += this.fragment(selection.name.value, scope)
    }
    return total
  }

  private field(node: FieldNode, parent: GraphQLCompositeType, scope: InheritedScope | undefined): number {
    const name = node.name.value
    if (name === '__typename') return 0
    const definition = fieldDefinition(this.schema, parent, name)
    if (!definition) return 1
    const args = this.argumentsOf(definition, node)
    const own = 1 + listedValues(args)
    if (definition === SchemaMetaFieldDef || definition === TypeMetaFieldDef) {
      const root = definition === SchemaMetaFieldDef ? this.schema : typeof args.name === 'string' ? this.schema.getType(args.name) : undefined
      return own + (root && node.selectionSet ? introspectionCost(this.schema, this.fragments, this.variables, node.selectionSet, root) : 0)
    }
    const itemType = getNamedType(definition.type)
    if (!node.selectionSet || !isCompositeType(itemType)) return own
    const key = `${parent.name}.${name}`
    const opened = this.sizes.openers[key]?.(args)
    if (!isListType(getNullableType(definition.type))) return own + this.selection(node.selectionSet, itemType, opened)
    if (this.mode === 'direct') return own
    const { count, itemScope } = this.listSize(key, definition, args, scope)
    return own + count * this.selection(node.selectionSet, itemType, opened ?? itemScope)
  }

  private listSize(key: string, definition: GraphQLField<unknown, unknown>, args: Values, scope: InheritedScope | undefined): { count: number; itemScope?: InheritedScope } {
    const rule = this.sizes.lists[key]
    switch (rule?.kind) {
      case 'page':
        return { count: scope && 'page' in scope ? scope.page : UNRULED_LIST_SIZE }
      case 'most': {
        const limit = definition.args.some((a) => a.name === 'limit') && typeof args.limit === 'number' && args.limit >= 0 ? args.limit : rule.max
        return { count: Math.min(limit, rule.max) }
      }
      case 'perValue': {
        const values = args[rule.argument]
        return { count: Array.isArray(values) ? values.length : values == null ? 0 : 1 }
      }
      case 'groups':
        if (!scope || !('groups' in scope)) return { count: UNRULED_LIST_SIZE }
        return { count: scope.groups, itemScope: { perGroup: scope.entries / scope.groups } }
      case 'entries':
        return { count: scope && 'perGroup' in scope ? scope.perGroup : UNRULED_LIST_SIZE }
      case 'groupedEntries':
        return { count: scope && 'entries' in scope ? scope.entries : UNRULED_LIST_SIZE }
      default:
        return { count: UNRULED_LIST_SIZE }
    }
  }

  /** The argument values the resolver will get; none when they do not coerce (the query then fails). */
  private argumentsOf(definition: GraphQLField<unknown, unknown>, node: FieldNode): Values {
    if (!node.arguments?.length && definition.args.every((a) => a.defaultValue === undefined)) return {}
    try {
      return getArgumentValues(definition, node, this.variables)
    } catch {
      return {}
    }
  }

  // A fragment's cost depends only on the scope it inherits: measured once per scope, so spreading the
  // same fragment many times (a "fragment bomb") costs no more to measure than spreading it once.
  private fragment(name: string, scope: InheritedScope | undefined): number {
    const key = `${name}|${JSON.stringify(scope ?? null)}`
    const known = this.measured.get(key)
    if (known !== undefined) return known
    const fragment = this.fragments[name]
    const type = fragment && conditionType(this.schema, fragment.typeCondition.name.value)
    if (!fragment || !type || this.inProgress.has(name)) return 0
    this.inProgress.add(name)
    const cost = this.selection(fragment.selectionSet, type, scope)
    this.inProgress.delete(name)
    this.measured.set(key, cost)
    return cost
  }
}

// Groups share a collection's entries in fractions; the total is whole but for rounding errors.
const whole = (cost: number) => Math.ceil(cost - 1e-6)

/** The operation's estimated cost; `variables` are those the request sent (coerced leniently). */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Values | undefined, sizes: ListSizes): number {
  const rootType = schema.getRootType(operation.operation)
  if (!rootType) return 0
  const walker = new CostWalker(schema, fragmentsOf(document), operationVariables(schema, operation, variables ?? {}), sizes, 'estimate')
  return whole(walker.selection(operation.selectionSet, rootType, undefined))
}

/** What the selections cost on one object, counting each list field below but none of its items. */
export function directCost(
  schema: GraphQLSchema,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Values,
  selectionSets: readonly SelectionSetNode[],
  type: GraphQLCompositeType,
  sizes: ListSizes,
): number {
  const walker = new CostWalker(schema, fragments, variables, sizes, 'direct')
  return selectionSets.reduce((total, set) => total + walker.selection(set, type, undefined), 0)
}

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name && parent === schema.getQueryType()) return SchemaMetaFieldDef
  if (name === TypeMetaFieldDef.name && parent === schema.getQueryType()) return TypeMetaFieldDef
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined
}

/** The type a fragment's condition names, when it is one a selection can be made on. */
export function conditionType(schema: GraphQLSchema, name: string | undefined): GraphQLCompositeType | undefined {
  const type = name === undefined ? undefined : schema.getType(name)
  return type && isCompositeType(type) ? type : undefined
}
