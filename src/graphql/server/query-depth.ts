/**
 * How deeply a GraphQL operation nests its fields: `{ Viewer { id } }` is 2. Fragments (named or
 * inline) add no level of their own; their fields count where they are spread. The document has not
 * been validated when this runs, so fragment cycles count as empty instead of looping.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql'

/** The number of fields on the operation's deepest path. */
export function queryDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  // A fragment's depth does not depend on where it is spread: each is measured once, so a document
  // that spreads the same fragment many times costs no more to measure than one that spreads it once.
  const measured = new Map<string, number>()
  const inProgress = new Set<string>()

  function depthOf(selectionSet: SelectionSetNode | undefined): number {
    let deepest = 0
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet))
      else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(selection.selectionSet))
      else deepest = Math.max(deepest, fragmentDepth(selection.name.value))
    }
    return deepest
  }

  function fragmentDepth(name: string): number {
    const known = measured.get(name)
    if (known !== undefined) return known
    const fragment = fragments.get(name)
    if (!fragment || inProgress.has(name)) return 0
    inProgress.add(name)
    const depth = depthOf(fragment.selectionSet)
    inProgress.delete(name)
    measured.set(name, depth)
    return depth
  }

  return depthOf(operation.selectionSet)
}
