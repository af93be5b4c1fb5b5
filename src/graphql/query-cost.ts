/**
 * An estimate of how much work an operation asks for, computed from the document, the schema and the
 * variables before anything runs:
 * - every field costs 1 (`__typename` costs nothing: it is known without a lookup);
 * - a list field whose items have fields multiplies their cost by the list's expected size: its own
 *   `perPage` or `limit` argument; else the size set by the closest enclosing field with a `perPage`
 *   (Page's media, a connection's nodes: the first list below takes it) or a `perChunk` (the number of
 *   entries in MediaListCollection's chunk, shared out over the lists that nest to hold them: `lists`
 *   takes DEFAULT_LIST_SIZE groups of `entries`, which share the rest); else DEFAULT_LIST_SIZE.
 * The document has not been validated when this runs: unknown fields count 1 and fragment cycles
 * count nothing (validation refuses both right after).
 */
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql'

/** How many items a list without a size argument is assumed to hold. */
export const DEFAULT_LIST_SIZE = 10

/** Arguments of a list field that say how many items it returns. */
const OWN_SIZE_ARGUMENTS = new Set(['perPage', 'perChunk', 'limit'])

/** The variables a document's cost depends on: those passed to size arguments. */
export function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>()
  visit(document, {
    Argument(node) {
      if (OWN_SIZE_ARGUMENTS.has(node.name.value) && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value)
    },
  })
  return [...names]
}

/** A size set by an enclosing field for the lists below it; `shared` when nested lists split it. */
interface InheritedSize {
  size: number
  shared: boolean
}

/** The operation's estimated cost; `variables` are the coerced values the operation will run with. */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): number {
  const rootType = schema.getRootType(operation.operation)
  if (!rootType) return 0
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  // A fragment's cost depends only on the size it inherits: measured once per size, so spreading the
  // same fragment many times (a "fragment bomb") costs no more to measure than spreading it once.
  const measured = new Map<string, number>()
  const inProgress = new Set<string>()

  function sizeArgument(field: FieldNode, name: string): number | undefined {
    const argument = field.arguments?.find((a) => a.name.value === name)
    return argument && intValue(argument.value, variables)
  }

  function ownSize(field: FieldNode): number | undefined {
    for (const name of OWN_SIZE_ARGUMENTS) {
      const size = sizeArgument(field, name)
      if (size !== undefined) return size
    }
    return undefined
  }

  function sizeForListsBelow(field: FieldNode, inherited: InheritedSize | undefined): InheritedSize | undefined {
    const perPage = sizeArgument(field, 'perPage')
    if (perPage !== undefined) return { size: perPage, shared: false }
    const perChunk = sizeArgument(field, 'perChunk')
    if (perChunk !== undefined) return { size: perChunk, shared: true }
    return inherited
  }

  function fieldCost(field: FieldNode, parent: GraphQLCompositeType, inherited: InheritedSize | undefined): number {
    if (field.name.value === '__typename') return 0
    const definition = fieldDefinition(schema, parent, field.name.value)
    if (!definition || !field.selectionSet) return 1
    const itemType = getNamedType(definition.type)
    if (!isCompositeType(itemType)) return 1
    if (!isListType(getNullableType(definition.type))) {
      return 1 + selectionCost(field.selectionSet, itemType, sizeForListsBelow(field, inherited))
    }
    const own = ownSize(field)
    if (own !== undefined) return 1 + own * selectionCost(field.selectionSet, itemType, undefined)
    if (inherited?.shared && holdsObjectList(field.selectionSet, itemType, new Set())) {
      // A list of groups (MediaListCollection's lists): the groups share the chunk's entries.
      const groups = Math.min(DEFAULT_LIST_SIZE, inherited.size)
      return 1 + groups * selectionCost(field.selectionSet, itemType, { size: Math.ceil(inherited.size / groups), shared: true })
    }
    return 1 + (inherited?.size ?? DEFAULT_LIST_SIZE) * selectionCost(field.selectionSet, itemType, undefined)
  }

  function selectionCost(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, inherited: InheritedSize | undefined): number {
    let total = 0
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += fieldCost(selection, parent, inherited)
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += selectionCost(selection.selectionSet, conditionType(schema, selection.typeCondition?.name.value) ?? parent, inherited)
      else total += fragmentCost(selection.name.value, inherited)
    }
    return total
  }

  function fragmentCost(name: string, inherited: InheritedSize | undefined): number {
    const key = inherited ? `${name}|${inherited.size}|${inherited.shared}` : name
    const known = measured.get(key)
    if (known !== undefined) return known
    const fragment = fragments.get(name)
    const type = fragment && conditionType(schema, fragment.typeCondition.name.value)
    if (!fragment || !type || inProgress.has(name)) return 0
    inProgress.add(name)
    const cost = selectionCost(fragment.selectionSet, type, inherited)
    inProgress.delete(name)
    measured.set(key, cost)
    return cost
  }

  /** Whether the selection (fragments included) picks a list of objects directly. */
  function holdsObjectList(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, seen: Set<string>): boolean {
    return selectionSet.selections.some((selection) => {
      if (selection.kind === Kind.INLINE_FRAGMENT) return holdsObjectList(selection.selectionSet, conditionType(schema, selection.typeCondition?.name.value) ?? parent, seen)
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value)
        const type = fragment && conditionType(schema, fragment.typeCondition.name.value)
        if (!fragment || !type || seen.has(fragment.name.value)) return false
        seen.add(fragment.name.value)
        return holdsObjectList(fragment.selectionSet, type, seen)
      }
      const definition = fieldDefinition(schema, parent, selection.name.value)
      return !!definition && !!selection.selectionSet && isListType(getNullableType(definition.type)) && isCompositeType(getNamedType(definition.type))
    })
  }

  return selectionCost(operation.selectionSet, rootType, undefined)
}

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name && parent === schema.getQueryType()) return SchemaMetaFieldDef
  if (name === TypeMetaFieldDef.name && parent === schema.getQueryType()) return TypeMetaFieldDef
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined
}

function conditionType(schema: GraphQLSchema, name: string | undefined): GraphQLCompositeType | undefined {
  const type = name === undefined ? undefined : schema.getType(name)
  return type && isCompositeType(type) ? type : undefined
}

/** A positive integer from a literal or a variable; undefined for anything else (null, absent, 0). */
function intValue(value: ValueNode, variables: Record<string, unknown>): number | undefined {
  const raw = value.kind === Kind.INT ? Number(value.value) : value.kind === Kind.VARIABLE ? variables[value.name.value] : undefined
  return typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0 ? raw : undefined
}
