/**
 * Random GraphQL documents over Kiroku's real schema: operations of either kind selecting real fields
 * (and now and then unknown ones), with aliases, arguments of the right and wrong types as literals
 * or as variables declared with random types, named and inline fragments, and directives. Each
 * document comes with variables of random JSON values.
 *
 * The generator reads its decisions from a list of numbers (a choice sequence) that fast-check
 * generates and shrinks: a shorter list, or smaller numbers, make a smaller document (a missing
 * choice is 0, the simplest option), so a failing document shrinks to a readable one.
 */
import fc from 'fast-check'
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isInterfaceType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql'
import { hostileJson, hostileNumber, hostileString, jsonText } from '../support/hostile-values.js'

/** Real values the documents may use (ids of works in the catalog, the user's id and name). */
export interface RealValues {
  ids: number[]
  names: string[]
}

class Choices {
  private at = 0
  constructor(
    private readonly values: readonly number[],
    /** Hostile values drawn by fast-check, used in turn when a choice asks for one. */
    private readonly hostile: readonly unknown[],
  ) {}

  /** A number in [0, n). */
  pick(n: number): number {
    if (n <= 1) return 0
    const value = this.values[this.at++]
    return value === undefined ? 0 : value % n
  }

  /** True with a chance of about `percent` in a hundred (false once the choices run out). */
  chance(percent: number): boolean {
    return this.pick(100) >= 100 - percent
  }

  one<T>(items: readonly T[]): T {
    return items[this.pick(items.length)]!
  }

  hostileValue(): unknown {
    return this.hostile.length === 0 ? null : this.hostile[this.pick(this.hostile.length)]
  }
}

/** Literals every scalar accepts. */
const GOOD_LITERALS: Record<string, string[]> = {
  Int: ['1', '0', '2', '10'],
  Float: ['1.5', '0', '8'],
  String: ['"x"', '""', '"naruto"', '"""block"""'],
  Boolean: ['true', 'false'],
  ID: ['1', '"1"'],
  Json: ['{a: 1}', '[1, 2]', '"x"'],
  FuzzyDateInt: ['20240101', '2024'],
  CountryCode: ['"JP"', '"KR"'],
}

/** Literals at the edges of each scalar, and of other types. */
const SCALAR_LITERALS: Record<string, string[]> = {
  Int: ['1', '0', '-1', '2147483647', '2147483648', '-2147483649', '9007199254740993', '1.5', '1e3', '"1"', 'true', 'null'],
  Float: ['1.5', '0', '-0', '1e308', '1e309', '-1e308', '5e-324', '"1.5"', 'NaN', 'null'],
  String: ['"x"', '""', '"\\u0000"', '"\\ud800"', '"\\u202e"', '"%00"', '"""block\nstring"""', '"<script>"', '1', 'true', 'null', '["x"]', '{a: 1}'],
  Boolean: ['true', 'false', '"true"', '1', '0', 'null'],
  ID: ['1', '"1"', '"x"', '-1', 'null'],
  Json: ['{a: 1}', '[1, 2]', '"x"', '1', 'null', '{__proto__: {x: 1}}', '{constructor: {prototype: {x: 1}}}'],
}

const VARIABLE_TYPES = ['Int', 'Int!', 'Float', 'String', 'String!', 'Boolean', 'ID', '[Int]', '[Int!]!', '[String]', 'MediaType', 'MediaListStatus', '[MediaListStatus]', 'MediaSort', '[MediaSort]', 'ScoreFormat', 'FuzzyDateInput', 'MediaListOptionsInput', 'Json', 'Unknown', '[[Int]]', 'Int!!']

interface Build {
  schema: GraphQLSchema
  choices: Choices
  real: RealValues
  variableDefinitions: string[]
  variables: Record<string, unknown>
  fragments: string[]
  fields: number
  /** A valid document: no wrong types, unknown names or stray directives (half the documents). */
  strict: boolean
}

/** A deliberate mistake, with a chance of `percent` in a hundred, never in a strict document. */
function mistake(b: Build, percent: number): boolean {
  return !b.strict && b.choices.chance(percent)
}

/** A value as text: a string as it is, anything else as its JSON (String() throws for `{toString: 1}`). */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : (jsonText(value) ?? '')
}

/** A GraphQL string literal of `text` (JSON's escapes are GraphQL's, lone surrogates included). */
function stringLiteral(text: string): string {
  return JSON.stringify(text)
}

/** A literal of `type`: a right one most of the time, a wrong or hostile one otherwise. */
function literalOf(b: Build, type: GraphQLInputType, depth: number): string {
  const { choices } = b
  if (mistake(b, 10)) return choices.one(['null', '"wrong"', '1', '[1]', '{x: 1}', 'FOO', '$undeclared', 'true', stringLiteral(asText(b.choices.hostileValue()))])
  if (isNonNullType(type)) return literalOf(b, type.ofType, depth)
  if (isListType(type)) {
    if (choices.chance(30)) return literalOf(b, type.ofType, depth)
    const n = choices.pick(4)
    return `[${Array.from({ length: n }, () => literalOf(b, type.ofType, depth + 1)).join(', ')}]`
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name)
    return !mistake(b, 15) ? choices.one(values) : choices.one(['"CURRENT"', 'current', 'UNKNOWN_VALUE', 'null'])
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return '{}'
    const fields = Object.values(type.getFields())
    const chosen = fields.filter(() => choices.chance(50))
    return `{${chosen.map((f) => `${f.name}: ${literalOf(b, f.type, depth + 1)}`).join(', ')}${mistake(b, 10) ? ', unknownField: 1' : ''}}`
  }
  const name = isScalarType(type) ? type.name : 'String'
  if (name === 'Int' && choices.chance(40)) return String(choices.one(b.real.ids))
  if (name === 'String' && choices.chance(40)) {
    const value = b.strict ? undefined : choices.hostileValue()
    return stringLiteral(typeof value === 'string' ? value : choices.one(b.real.names))
  }
  if (b.strict) return choices.one(GOOD_LITERALS[name] ?? GOOD_LITERALS.String!)
  return choices.one(SCALAR_LITERALS[name] ?? SCALAR_LITERALS.String!)
}

/** A JSON value for a variable of `type`: often right, otherwise hostile. */
function variableValue(b: Build, type: GraphQLInputType | undefined, depth = 0): unknown {
  const { choices } = b
  if (!type || mistake(b, 25)) return choices.hostileValue()
  if (isNonNullType(type)) return variableValue(b, type.ofType, depth)
  if (isListType(type)) return choices.chance(30) ? variableValue(b, type.ofType, depth) : Array.from({ length: choices.pick(4) }, () => variableValue(b, type.ofType, depth + 1))
  if (isEnumType(type)) return choices.one(type.getValues().map((v) => v.name))
  if (isInputObjectType(type)) {
    if (depth > 3) return {}
    return Object.fromEntries(Object.values(type.getFields()).filter(() => choices.chance(50)).map((f) => [f.name, variableValue(b, f.type, depth + 1)]))
  }
  const name = isScalarType(type) ? type.name : 'String'
  if (name === 'Int') return choices.chance(50) ? choices.one(b.real.ids) : choices.one(b.strict ? [0, 1, '12'] : [0, -1, 2 ** 31, '12', 1.5])
  if (name === 'Float') return choices.one(b.strict ? [1.5, 0, '7.5'] : [1.5, 0, -0, 1e308, '7.5'])
  if (name === 'Boolean') return choices.one(b.strict ? [true, false] : [true, false, 'true', 0])
  if (name === 'FuzzyDateInt') return choices.one([20240101, 2024])
  if (name === 'CountryCode') return 'JP'
  return choices.one([...b.real.names, 'x', ''])
}

/** An argument's value: a literal, or a variable (declared with the argument's type or a random one). */
function argumentValue(b: Build, type: GraphQLInputType): string {
  const { choices } = b
  if (!choices.chance(35)) return literalOf(b, type, 0)
  const name = `v${b.variableDefinitions.length}`
  const declared = !mistake(b, 25) ? String(type) : choices.one(VARIABLE_TYPES)
  const withDefault = choices.chance(15) ? ` = ${literalOf(b, type, 0)}` : ''
  b.variableDefinitions.push(`$${name}: ${declared}${withDefault}`)
  if (!mistake(b, 15)) b.variables[name] = variableValue(b, declared === String(type) ? type : undefined)
  return `$${name}`
}

function directives(b: Build): string {
  const { choices } = b
  if (!choices.chance(10)) return ''
  if (b.strict) return choices.one([' @include(if: true)', ' @skip(if: false)', ' @include(if: false)'])
  return ` ${choices.one(['@include(if: true)', '@include(if: false)', '@skip(if: true)', '@skip(if: "yes")', '@include', '@unknown', '@deprecated', `@include(if: ${argumentValue(b, b.schema.getType('Boolean') as GraphQLInputType)})`])}`
}

/** The selection set of `type`, `depth` levels below the root. */
function selectionSet(b: Build, type: GraphQLObjectType, depth: number): string {
  const { choices } = b
  const fields = Object.values(type.getFields())
  const count = 1 + choices.pick(depth === 0 ? 3 : 4)
  const selections: string[] = []
  for (let i = 0; i < count && b.fields < 60; i++) {
    b.fields++
    if (choices.chance(5)) {
      const atRoot = depth === 0 && type === b.schema.getQueryType()
      selections.push(choices.one(b.strict ? (atRoot ? ['__typename', '__schema { queryType { name } }'] : ['__typename']) : ['__typename', 'unknownField', '__schema { types { name } }', '__type(name: "Media") { name fields { name } }']))
      continue
    }
    if (choices.chance(6)) {
      selections.push(`... on ${type.name} { ${selectionSet(b, type, depth + 1)} }`)
      continue
    }
    if (choices.chance(6) && b.fragments.length < 4) {
      const name = `F${b.fragments.length}`
      b.fragments.push('')
      const at = b.fragments.length - 1
      b.fragments[at] = `fragment ${name} on ${type.name} { ${selectionSet(b, type, depth + 1)} }`
      selections.push(`...${name}${choices.chance(10) ? `\n...${name}` : ''}`)
      continue
    }
    selections.push(field(b, choices.one(fields), depth))
  }
  return selections.join('\n')
}

function field(b: Build, f: GraphQLField<unknown, unknown>, depth: number): string {
  const { choices } = b
  // In a valid document every field with arguments gets an alias of its own: two selections of one
  // field with different arguments under one name do not merge (graphql-js refuses them).
  const alias = choices.chance(15) || (b.strict && f.args.length > 0) ? `a${b.fields}: ` : ''
  const args = f.args.filter(() => choices.chance(40)).map((a) => `${a.name}: ${argumentValue(b, a.type)}`)
  if (mistake(b, 5)) args.push(`unknownArg: 1`)
  const argText = args.length ? `(${args.join(', ')})` : ''
  const named: GraphQLNamedType = getNamedType(f.type)
  let sub = ''
  if (isObjectType(named) || isInterfaceType(named)) {
    // Deep enough: stop with a scalar field, or (rarely) go past the depth limit on purpose.
    sub = depth >= 5 && !mistake(b, 5) ? ' { __typename }' : mistake(b, 3) ? '' : ` { ${selectionSet(b, named as GraphQLObjectType, depth + 1)} }`
  } else if (mistake(b, 3)) sub = ' { id }'
  return `${alias}${f.name}${argText}${directives(b)}${sub}`
}

/** A document and what a client would send with it. */
export interface GeneratedOperation {
  query: string
  variables: Record<string, unknown>
  operationName?: string
}

/** One operation of `schema` read from `choices`. */
export function generateOperation(schema: GraphQLSchema, real: RealValues, values: readonly number[], hostile: readonly unknown[]): GeneratedOperation {
  const choices = new Choices(values, hostile)
  const b: Build = { schema, choices, real, variableDefinitions: [], variables: {}, fragments: [], fields: 0, strict: choices.pick(2) === 0 }
  const kind = choices.chance(30) ? 'mutation' : 'query'
  const root = kind === 'mutation' ? schema.getMutationType()! : schema.getQueryType()!
  const selections = selectionSet(b, root, 0)
  const name = choices.chance(40) ? choices.one(b.strict ? ['Op', 'Fuzz'] : ['Op', 'Fuzz', 'query', '__Op']) : undefined
  const defs = b.variableDefinitions.length ? `(${b.variableDefinitions.join(', ')})` : ''
  const head = name || defs || kind === 'mutation' ? `${kind}${name ? ` ${name}` : ''}${defs} ` : ''
  const query = [`${head}{\n${selections}\n}`, ...b.fragments].join('\n')
  return { query, variables: b.variables, ...(name && choices.chance(70) ? { operationName: !mistake(b, 10) ? name : 'Other' } : {}) }
}

/** Operations of `schema`, with variables; the hostile values come from hostile-values.ts. */
export function operations(schema: GraphQLSchema, real: RealValues): fc.Arbitrary<GeneratedOperation> {
  const hostile = fc.array(fc.oneof(hostileJson, hostileString, hostileNumber), { maxLength: 4 })
  return fc.tuple(fc.array(fc.nat({ max: 9999 }), { maxLength: 400, size: 'max' }), hostile).map(([values, pool]) => generateOperation(schema, real, values, pool))
}

/** The variables as JSON text (DeepJson among them written out to its full depth). */
export function variablesText(variables: Record<string, unknown>): string {
  return jsonText(variables) ?? '{}'
}
