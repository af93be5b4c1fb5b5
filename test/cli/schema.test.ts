import { describe, expect, it } from 'vitest'
import { buildSchema, getIntrospectionQuery, graphqlSync, printSchema } from 'graphql'
import { main } from '../../src/cli/main.js'
import { testServer } from '../helpers/server.js'
import { fakeIo } from '../helpers/cli.js'

const captureIo = () => fakeIo()

describe('kiroku schema', () => {
  it('prints SDL that parses into the schema the server serves', async () => {
    const io = captureIo()
    expect(await main(['schema'], io)).toBe(0)
    expect(io.err).toBe('')
    const printed = buildSchema(io.out)
    expect(printed.getQueryType()?.getFields().Viewer?.type.toString()).toBe('User')
    expect(printed.getQueryType()?.getFields().Viewer?.description).toMatch(/token/i)

    // The same schema as introspection on the running server reports (introspection stays on).
    const s = await testServer()
    try {
      const res = await s.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: { query: getIntrospectionQuery() } })
      expect(res.statusCode).toBe(200)
      const served = graphqlSync({ schema: printed, source: getIntrospectionQuery() })
      expect(res.json().data).toEqual(served.data)
      expect(printSchema(printed)).toContain('type Query')
    } finally {
      await s.app.close()
    }
  })

  it('explains itself with --help', async () => {
    const io = captureIo()
    expect(await main(['schema', '--help'], io)).toBe(0)
    expect(io.out).toContain('Usage: kiroku schema')
    expect(io.out).toContain('GraphQL schema')
    const top = captureIo()
    await main(['--help'], top)
    expect(top.out).toMatch(/schema\s+print Kiroku's GraphQL schema/)
  })

  it('refuses arguments it does not take', async () => {
    const io = captureIo()
    expect(await main(['schema', 'extra'], io)).toBe(1)
    expect(io.out).toBe('')
    expect(io.err).toMatch(/too many arguments/i)
  })
})
