/**
 * The GraphQL modules: composed into one schema, no field resolved twice, every resolver a field of
 * the schema, and the generated resolver types in step with the SDL.
 */
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildSchema, isObjectType, validateSchema } from 'graphql'
import { composeModules, type GraphqlModule } from '../../src/graphql/server/module.js'
import { GRAPHQL_MODULES } from '../../src/graphql/modules/index.js'
import { kirokuSchema } from '../../src/graphql/schema.js'
// @ts-expect-error -- a script of the project's own, plain JavaScript without types
import { generateSchemaTypes } from '../../scripts/schema-types.mjs'

describe('the GraphQL modules', () => {
  it('compose into a valid schema: the server trusts it and skips checking it at every start', () => {
    // buildSchema checks the SDL (unknown types, duplicate fields…); validateSchema the schema's rules.
    const schema = buildSchema(kirokuSchema().sdl)
    expect(validateSchema(schema)).toEqual([])
  })

  it('compose into a schema where every resolver belongs to a field of its type', () => {
    const { sdl, resolvers } = kirokuSchema()
    const schema = buildSchema(sdl)
    for (const [typeName, fields] of Object.entries(resolvers)) {
      const type = schema.getType(typeName)
      expect(type, typeName).toBeDefined()
      if (!isObjectType(type)) continue
      for (const field of Object.keys(fields)) expect(type.getFields()[field], `${typeName}.${field}`).toBeDefined()
    }
  })

  it('refuse a field resolved by two modules, naming it', () => {
    const a: GraphqlModule = { name: 'a', sdl: 'type X { y: Int }', resolvers: { X: { y: () => 1 } } }
    const b: GraphqlModule = { name: 'b', sdl: '', resolvers: { X: { y: () => 2 } } }
    expect(() => composeModules([a, b])).toThrow('X.y is resolved twice (again by b)')
  })

  it('refuse a Page counter or list rule given twice', () => {
    const a: GraphqlModule = { name: 'a', sdl: '', resolvers: {}, pageCounters: { things: async () => 0 }, listRules: { 'X.y': { kind: 'values', bound: 'a few values' } } }
    expect(() => composeModules([a, { ...a, name: 'b', listRules: {} }])).toThrow('the Page counter of things is given twice (again by b)')
    expect(() => composeModules([a, { ...a, name: 'b', pageCounters: {} }])).toThrow('the list rule of X.y is given twice (again by b)')
  })

  it('are listed once each', () => {
    const names = GRAPHQL_MODULES.map((m) => m.name)
    expect(new Set(names).size).toBe(names.length)
  })

  it('have resolver types generated from their SDL as it is now (npm run schema:types)', () => {
    const committed = fs.readFileSync(new URL('../../src/graphql/generated/schema-types.ts', import.meta.url), 'utf8')
    expect(committed).toBe(generateSchemaTypes(kirokuSchema().sdl))
  })
})
