/**
 * Variables as real AniList clients send them. `variables` may come as an object, `null`, `[]`, `{}`,
 * a JSON string of any of those, or not at all; values may be looser than GraphQL's input coercion
 * allows: Int and Float as numeric strings ("50"), Boolean as "true"/"false", one value where a list
 * is declared. These are made strict here before graphql-js sees them; anything else that does not
 * fit (a word for an Int) is left as sent, so graphql-js refuses it with its own message.
 */
import {
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql'
import { GraphqlRequestError } from './errors.js'

export type Variables = Record<string, unknown>

const INT_TEXT = /^-?\d+$/
const FLOAT_TEXT = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
// GraphQL's Int is a signed 32-bit integer; a longer numeral stays a string for graphql-js to refuse.
const INT_MAX = 2_147_483_647
const INT_MIN = -2_147_483_648

const variablesNotAnObject = () => new GraphqlRequestError('"variables" must be a JSON object (or null).')

/** The variables of a request body or query string as an object; undefined when there are none. */
export function normalizeVariables(raw: unknown): Variables | undefined {
  if (typeof raw === 'string') {
    if (raw.trim() === '') return undefined
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      throw new GraphqlRequestError('"variables" is not valid JSON.')
    }
    if (typeof parsed === 'string') throw variablesNotAnObject()
    return normalizeVariables(parsed)
  }
  if (raw === undefined || raw === null) return undefined
  if (Array.isArray(raw)) {
    // Clients that serialise an empty map as a list (PHP's json_encode([])) mean "no variables".
    if (raw.length === 0) return undefined
    throw variablesNotAnObject()
  }
  if (typeof raw !== 'object') throw variablesNotAnObject()
  return Object.keys(raw).length === 0 ? undefined : (raw as Variables)
}

/**
 * Whether some variable's value nests lists and objects more than `max` levels deep. Walked with a
 * stack of its own, not by recursion: a megabyte of `[[[[…` must not exhaust the call stack here, nor
 * in the coercion and checks that recurse over the value after this one.
 */
export function nestedDeeperThan(variables: Variables, max: number): boolean {
  const pending: Array<[unknown, number]> = Object.values(variables).map((value) => [value, 0])
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!
    if (value === null || typeof value !== 'object') continue
    if (depth + 1 > max) return true
    for (const item of Array.isArray(value) ? value : Object.values(value)) pending.push([item, depth + 1])
  }
  return false
}

/** The operation's declared variables, leniently coerced; undeclared ones are dropped. */
export function coerceVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Variables): Variables {
  const entries: Array<[string, unknown]> = []
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value
    if (!Object.hasOwn(variables, name)) continue
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined
    entries.push([name, type ? coerceValue(type, variables[name]) : variables[name]])
  }
  // fromEntries defines own properties, so a variable named "__proto__" stays data.
  return Object.fromEntries(entries)
}

/** One value made to fit `type` where a real client's looseness is unambiguous. */
export function coerceValue(type: GraphQLInputType, value: unknown): unknown {
  if (value === null || value === undefined) return value
  if (isNonNullType(type)) return coerceValue(type.ofType, value)
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value]
    return items.map((item) => coerceValue(type.ofType, item))
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) return value
    const fields = type.getFields()
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, Object.hasOwn(fields, name) ? coerceValue(fields[name]!.type, item) : item]))
  }
  if (typeof value !== 'string' || !isScalarType(type)) return value
  if (type.name === 'Int' && INT_TEXT.test(value)) {
    const n = Number(value)
    return n >= INT_MIN && n <= INT_MAX ? n : value
  }
  if (type.name === 'Float' && FLOAT_TEXT.test(value)) return Number(value)
  if (type.name === 'Boolean') {
    // Case-insensitive: Python clients format booleans as "True"/"False".
    const lower = value.toLowerCase()
    if (lower === 'true') return true
    if (lower === 'false') return false
  }
  return value
}
