/**
 * The custom scalars of the catalog. A value that does not fit answers a 400 naming the scalar and what
 * it expects, before any resolver runs.
 */
import { GraphQLError, Kind, type ValueNode } from 'graphql'
import { isFuzzyDateInt } from '../../../catalog/fuzzy-date.js'
import type { ScalarCodec } from '../../server/module.js'

// graphql-js prefixes the variable or argument name; errors.ts answers these with a 400.
const invalid = (message: string, node?: ValueNode) => new GraphQLError(message, node ? { nodes: node } : {})

function fuzzyDateInt(value: unknown, node?: ValueNode): number {
  // Numeric strings are accepted too: some clients build these from text fields.
  const n = typeof value === 'string' && /^\d{1,8}$/.test(value) ? Number(value) : value
  if (!isFuzzyDateInt(n)) throw invalid(`FuzzyDateInt expects a date as an 8-digit number YYYYMMDD (0 for unknown parts), not ${JSON.stringify(value)}.`, node)
  return n
}

function countryCode(value: unknown, node?: ValueNode): string {
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value)) throw invalid(`CountryCode expects a two-letter ISO 3166-1 code such as "JP", not ${JSON.stringify(value)}.`, node)
  return value.toUpperCase()
}

/** A literal's value; a bare word (`countryOfOrigin: JP`) reads as the string it spells. */
function literal(node: ValueNode): unknown {
  if (node.kind === Kind.INT) return Number(node.value)
  if (node.kind === Kind.STRING || node.kind === Kind.ENUM) return node.value
  return `${node.kind}`
}

/** Resolvers for FuzzyDateInt and CountryCode, in the form Mercurius copies onto the schema's scalars. */
export const scalarResolvers: Record<string, ScalarCodec> = {
  FuzzyDateInt: {
    serialize: (value: unknown) => value,
    parseValue: fuzzyDateInt,
    parseLiteral: (node: ValueNode) => fuzzyDateInt(literal(node), node),
  },
  CountryCode: {
    serialize: (value: unknown) => value,
    parseValue: countryCode,
    parseLiteral: (node: ValueNode) => countryCode(literal(node), node),
  },
}
