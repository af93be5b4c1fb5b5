/**
 * How many aliased fields an operation runs, fragments counted once per spread (not multiplied by the
 * length of the lists they sit in). Aliases let one document ask for the same costly field many times
 * over; `__typename` costs nothing and is not counted. Each fragment is measured once, so a fragment
 * bomb is counted without being expanded; fragment cycles (which validation refuses) count nothing.
 */
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql'

/** The number of aliased fields the operation would run. */
export function aliasCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  const measured = new Map<string, number>()
  const inProgress = new Set<string>()

  function count(selectionSet: SelectionSetNode | undefined): number {
    let total = 0
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) total += (selection.alias && selection.name.value !== '__typename' ? 1 : 0) + count(selection.selectionSet)
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet)
      else total += fragmentCount(selection.name.value)
    }
    return total
  }

  function fragmentCount(name: string): number {
    const known = measured.get(name)
    if (known !== undefined) return known
    const fragment = fragments.get(name)
    if (!fragment || inProgress.has(name)) return 0
    inProgress.add(name)
    const n = count(fragment.selectionSet)
    inProgress.delete(name)
    measured.set(name, n)
    return n
  }

  return count(operation.selectionSet)
}
