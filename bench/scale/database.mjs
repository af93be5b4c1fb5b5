// The throw-away PostgreSQL database of a scale run: created on the server named by the given URL,
// migrated with Kiroku's own runner, dropped at the end (WITH (FORCE) ends connections left open by a
// child that died), plus the two server-side readings the run reports: connections and transactions.
import path from 'node:path'
import pg from 'pg'

/** The given URL with its database name replaced. */
export function withDatabase(url, name) {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.href
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/** Creates the database `name` through a connection to the server's database in `url`; returns its URL. */
export async function createDatabase(url, name) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`)
  await withClient(url, (client) => client.query(`CREATE DATABASE ${name}`))
  return withDatabase(url, name)
}

export async function dropDatabase(url, name) {
  await withClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
}

/** Applies Kiroku's migrations (dist/storage/migrate.js) to the database at `url`. */
export async function migrate(root, url) {
  const { openDatabase } = await import(path.join(root, 'dist/storage/db.js'))
  const { migrateToLatest } = await import(path.join(root, 'dist/storage/migrate.js'))
  const database = openDatabase(url, { postgresQueryTimeoutMs: 0 })
  try {
    return await migrateToLatest(database)
  } finally {
    await database.close()
  }
}

/**
 * A connection kept open for the run's readings of pg_stat_activity and pg_stat_database (cluster-wide
 * views). Open it on the server's own database (the given URL), not the measured one, so that its
 * transactions and connection are not counted among the instances'.
 */
export async function statsReader(url, name) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return {
    /** Server connections open to the database, this reader's own excluded. */
    async connections() {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name])
      return rows[0].n
    },
    /** Committed + rolled-back transactions and rows returned, as the statistics collector has them. */
    async transactions() {
      // The collector's figures are cached per transaction; a fresh snapshot each time.
      await client.query('SELECT pg_stat_clear_snapshot()')
      const { rows } = await client.query('SELECT (xact_commit + xact_rollback)::bigint AS xacts, tup_returned::bigint AS returned FROM pg_stat_database WHERE datname = $1', [name])
      return { xacts: Number(rows[0].xacts), returned: Number(rows[0].returned) }
    },
    /**
     * The server processes working for this database: its backends, the server's own helpers (no
     * database: checkpointer, WAL writer…; autovacuum workers of this database count as its own);
     * other databases' backends left out (other work shares the server), and the postmaster too,
     * which only forks backends (the pools keep theirs).
     */
    async processIds() {
      const { rows } = await client.query('SELECT pid FROM pg_stat_activity WHERE (datname = $1 OR (datname IS NULL AND backend_type <> $2)) AND pid <> pg_backend_pid()', [name, 'client backend'])
      return rows.map((r) => r.pid)
    },
    close: () => client.end().catch(() => {}),
  }
}
