// Where the Kiroku children keep their data. SQLite (default): files in a temporary folder; a
// prepared template is copied per server. PostgreSQL (--database postgres://…): databases named
// kiroku_bench_<pid>_<n> on that server, created with pg from the Kiroku checkout, a template made
// once and cloned with CREATE DATABASE … TEMPLATE, all of them dropped by cleanup().
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { importFrom } from './resolve.mjs'

export async function openDatabases(spec, kirokuDir) {
  if (spec && /^postgres(ql)?:\/\//.test(spec)) return postgres(spec, kirokuDir)
  if (spec) throw new Error(`--database takes a postgres:// URL (SQLite is the default): got ${spec.split('@').pop()}`)
  return sqlite()
}

function sqlite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-reference-'))
  let n = 0
  const fresh = () => path.join(dir, `db-${++n}.sqlite`)
  return {
    kind: 'SQLite (WAL)',
    fresh: async () => fresh(),
    async copyOf(template) {
      const file = fresh()
      // The template was closed cleanly (its WAL checkpointed); a leftover -wal file is copied too.
      fs.copyFileSync(template, file)
      if (fs.existsSync(`${template}-wal`)) fs.copyFileSync(`${template}-wal`, `${file}-wal`)
      return file
    },
    async cleanup() { fs.rmSync(dir, { recursive: true, force: true }) },
  }
}

async function postgres(spec, kirokuDir) {
  const pg = (await importFrom(kirokuDir, 'pg')).default
  const admin = new pg.Client({ connectionString: spec })
  await admin.connect()
  const created = []
  let n = 0
  const urlOf = (name) => { const url = new URL(spec); url.pathname = `/${name}`; return url.href }
  const create = async (template) => {
    const name = `kiroku_bench_${process.pid}_${++n}`
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`)
    created.push(name)
    return urlOf(name)
  }
  return {
    kind: 'PostgreSQL',
    fresh: () => create(null),
    copyOf: (templateUrl) => create(new URL(templateUrl).pathname.slice(1)),
    async cleanup() {
      for (const name of created.reverse()) {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((error) => console.error(`could not drop ${name}: ${error.message}`))
      }
      await admin.end()
    },
  }
}
