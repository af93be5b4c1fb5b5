/**
 * Every installed package supports the Node.js versions package.json promises ("engines"), so that
 * `npm install` on Node 20 prints no EBADENGINE warning and nothing breaks at run time. Kiroku pins
 * @fastify/cookie 11.1.0, @fastify/static 10.1.3 and (through "overrides") light-my-request 6.6.0:
 * their later releases moved to dependencies (cookie 2, content-disposition 3) that need Node 22.
 */
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import semver from 'semver'

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string } }
const lock = JSON.parse(fs.readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; dev?: boolean; optional?: boolean }>
}

describe('the installed packages', () => {
  it('all accept the Node.js running the tests, which package.json promises to support', () => {
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true)
    const misfits: string[] = []
    for (const [where, entry] of Object.entries(lock.packages)) {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node
      if (where && range && !semver.satisfies(process.versions.node, range)) misfits.push(`${where}@${entry.version}: node ${range}`)
    }
    expect(misfits).toEqual([])
  })
})
