/**
 * Finding the NUL character (U+0000) in the strings of a request: PostgreSQL cannot store or compare
 * one ("invalid byte sequence") and no AniList value holds one, so a request that carries one is
 * refused with a 400 before it runs, wherever the string is: a literal of the document (a variable's
 * default included) or a variable, at any depth of its lists and input objects.
 */
import { BREAK, visit, type DocumentNode, type StringValueNode } from 'graphql'

export const NUL_MESSAGE = 'Strings may not contain the NUL character (U+0000).'

/** The first string literal of the document that holds a NUL, if any. */
export function literalWithNul(document: DocumentNode): StringValueNode | undefined {
  let found: StringValueNode | undefined
  visit(document, {
    StringValue(node) {
      if (!node.value.includes('\0')) return undefined
      found = node
      return BREAK
    },
  })
  return found
}

/** Whether a variable's value holds a NUL in any string within it. */
export function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0')
  if (Array.isArray(value)) return value.some(holdsNul)
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsNul)
  return false
}
