// Counts the SQL statements a Kiroku child executes, by wrapping the drivers it loads from its own
// checkout: better-sqlite3's Statement run/get/all/iterate, and pg's Client#query (the pool's queries,
// BEGIN and COMMIT included, go through it). One closure call per statement: cheap next to the statement.
import { importFrom } from './resolve.mjs'

export async function countStatements(dir) {
  let count = 0
  const wrap = (target, method) => {
    const original = target[method]
    if (typeof original !== 'function') return
    target[method] = function counted(...args) {
      count++
      return original.apply(this, args)
    }
  }
  const { default: SQLite } = await importFrom(dir, 'better-sqlite3')
  const probe = new SQLite(':memory:')
  const statementPrototype = Object.getPrototypeOf(probe.prepare('select 1'))
  probe.close()
  for (const method of ['run', 'get', 'all', 'iterate']) wrap(statementPrototype, method)
  const pg = await importFrom(dir, 'pg')
  wrap((pg.default ?? pg).Client.prototype, 'query')
  return () => count
}
