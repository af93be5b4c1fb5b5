/**
 * The benchmarks run the built server from dist/ and never run in npm test: this keeps the modules
 * they import in step with the source, so that a moved file does not break `npm run bench` unseen.
 */
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'

const bench = new URL('../bench/', import.meta.url)
const scripts = fs.readdirSync(bench).filter((f) => f.endsWith('.mjs'))

describe('the benchmarks', () => {
  it('import only modules that exist in src/', () => {
    const missing: string[] = []
    let seen = 0
    for (const script of scripts) {
      const text = fs.readFileSync(new URL(script, bench), 'utf8')
      for (const [, file] of text.matchAll(/(?:'dist\/|dist\(')([\w/.-]+)\.js'/g)) {
        seen++
        if (!fs.existsSync(new URL(`../src/${file}.ts`, import.meta.url))) missing.push(`${script}: ${file}.js`)
      }
    }
    expect(seen).toBeGreaterThan(10)
    expect(missing).toEqual([])
  })
})
