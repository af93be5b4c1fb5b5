/**
 * A Kysely query built and compiled once, then run again and again with new parameters. Building a
 * query (the builder objects, the operation-node tree, the SQL text) costs more than running a
 * simple one on SQLite; the hot paths' statements (OAuth, sessions) are always the same SQL with
 * other values. The owning module still writes the query with Kysely, for both dialects.
 *
 * The builder is called with placeholder objects in place of its arguments; where each lands among
 * the compiled parameters is noted, and each run substitutes the real values there. The compiled form
 * is kept per dialect adapter and plugin list (a transaction shares both with its database), so that
 * every handle runs the SQL it would have compiled itself.
 */
import type { Compilable, CompiledQuery, Kysely, KyselyPlugin, QueryResult } from 'kysely'

const PLACEHOLDER = Symbol('compiled-query placeholder')
interface Placeholder {
  readonly [PLACEHOLDER]: number
}
const isPlaceholder = (value: unknown): value is Placeholder => typeof value === 'object' && value !== null && PLACEHOLDER in value

interface Compiled<Row> {
  query: CompiledQuery<Row>
  // For each compiled parameter: the argument it takes, or -1 for a constant the builder wrote.
  sources: number[]
}

export class CompiledQueryOnce<Db, Args extends readonly unknown[], Row> {
  private readonly byAdapter = new WeakMap<object, WeakMap<ReadonlyArray<KyselyPlugin>, Compiled<Row>>>()

  /** `arity`: how many arguments `build` takes after the database (each must become a parameter). */
  constructor(
    private readonly arity: Args['length'],
    private readonly build: (db: Kysely<Db>, ...args: Args) => Compilable<Row>,
  ) {}

  async execute(db: Kysely<Db>, ...args: Args): Promise<QueryResult<Row>> {
    const { query, sources } = this.compiled(db)
    const parameters = query.parameters.map((constant, i) => (sources[i]! >= 0 ? args[sources[i]!] : constant))
    return db.executeQuery<Row>({ ...query, parameters })
  }

  private compiled(db: Kysely<Db>): Compiled<Row> {
    const executor = db.getExecutor()
    let byPlugins = this.byAdapter.get(executor.adapter)
    if (!byPlugins) this.byAdapter.set(executor.adapter, (byPlugins = new WeakMap()))
    let compiled = byPlugins.get(executor.plugins)
    if (!compiled) byPlugins.set(executor.plugins, (compiled = this.compile(db)))
    return compiled
  }

  private compile(db: Kysely<Db>): Compiled<Row> {
    const placeholders = Array.from({ length: this.arity }, (_, i): Placeholder => ({ [PLACEHOLDER]: i }))
    const query = this.build(db, ...(placeholders as unknown as Args)).compile()
    const sources = query.parameters.map((p) => (isPlaceholder(p) ? p[PLACEHOLDER] : -1))
    // An argument the builder did not turn into a parameter (used in a method that inlines values)
    // would be silently ignored at every run: refuse the query instead.
    for (let i = 0; i < this.arity; i++) {
      if (!sources.includes(i)) throw new Error(`compiled query: argument ${i} is not a parameter of ${query.sql}`)
    }
    return { query, sources }
  }
}
