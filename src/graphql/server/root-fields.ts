/**
 * The root fields an operation selects, as graphql-js would collect them: through inline fragments and
 * fragment spreads (each named fragment once, as graphql-js does), one entry per response name (the
 * alias, or the field's name). @skip and @include are not read: a field they drop still counts.
 */
import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql'

/** Each response name of the operation's root with the first field node that answers it, in order. */
export function rootFields(document: DocumentNode, operation: OperationDefinitionNode): Map<string, FieldNode> {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  const fields = new Map<string, FieldNode>()
  const visited = new Set<string>()

  function collect(selectionSet: SelectionSetNode): void {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.alias?.value ?? selection.name.value
        if (!fields.has(name)) fields.set(name, selection)
      } else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet)
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value)
        const fragment = fragments.get(selection.name.value)
        if (fragment) collect(fragment.selectionSet)
      }
    }
  }

  collect(operation.selectionSet)
  return fields
}
