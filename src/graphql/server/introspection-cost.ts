/**
 * The exact cost of an introspection selection (`__schema { … }`, `__type(name:) { … }`): its answer
 * depends on nothing but the schema, so it is measured on the schema itself, through graphql-js's own
 * introspection resolvers, one field at a time: 1 per field, lists by their real items. Each selection
 * is measured once per schema element it is made on, so however the document nests or repeats its
 * fragments, the measure takes at most (selections × schema elements) steps.
 */
import {
  __Schema,
  __Type,
  getArgumentValues,
  getNamedType,
  isCompositeType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql'

type Values = Record<string, unknown>

/** The cost of `selectionSet` made on `root` (the schema for `__schema`, a named type for `__type`). */
export function introspectionCost(schema: GraphQLSchema, fragments: Record<string, FragmentDefinitionNode>, variables: Values, selectionSet: SelectionSetNode, root: object): number {
  // The introspection resolvers read nothing of `info` but the schema.
  const info = { schema } as GraphQLResolveInfo
  const measured = new Map<SelectionSetNode, Map<object, number>>()
  const inProgress = new Set<string>()

  function selection(set: SelectionSetNode, type: GraphQLObjectType, value: object): number {
    let byValue = measured.get(set)
    const known = byValue?.get(value)
    if (known !== undefined) return known
    let total = 0
    for (const node of set.selections) {
      if (node.kind === Kind.INLINE_FRAGMENT) total += selection(node.selectionSet, type, value)
      else if (node.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[node.name.value]
        if (!fragment || inProgress.has(node.name.value)) continue
        inProgress.add(node.name.value)
        total += selection(fragment.selectionSet, type, value)
        inProgress.delete(node.name.value)
      } else if (node.name.value !== '__typename') {
        const definition = type.getFields()[node.name.value]
        const itemType = definition && getNamedType(definition.type)
        total += 1
        if (!definition || !node.selectionSet || !itemType || !isCompositeType(itemType) || !isObjectType(itemType)) continue
        let args: Values = {}
        try {
          args = getArgumentValues(definition, node, variables)
        } catch {
          // Arguments that do not coerce fail validation right after.
        }
        const resolved = definition.resolve ? definition.resolve(value, args, undefined, info) : (value as Values)[node.name.value]
        total += items(resolved, node.selectionSet, itemType)
      }
    }
    if (!byValue) measured.set(set, (byValue = new Map()))
    byValue.set(value, total)
    return total
  }

  function items(resolved: unknown, set: SelectionSetNode, type: GraphQLObjectType): number {
    if (Array.isArray(resolved)) return resolved.reduce((n: number, item) => n + items(item, set, type), 0)
    return resolved !== null && typeof resolved === 'object' ? selection(set, type, resolved) : 0
  }

  return selection(selectionSet, root === schema ? __Schema : __Type, root)
}
