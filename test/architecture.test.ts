/**
 * The import rules of .dependency-cruiser.cjs hold for src/: no circles, layers that only point down,
 * GraphQL modules that import only the modules registered before them. A small tree that breaks each
 * rule on purpose proves the rules can fail.
 */
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { cruise, type ICruiseResult } from 'dependency-cruiser'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const rules = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs'))

/** The files cruised under `baseDir`/src, and every rule broken there. */
async function cruised(baseDir: string): Promise<{ files: number; violations: string[] }> {
  const result = await cruise(['src'], { ...rules.options, baseDir, validate: true, ruleSet: { forbidden: rules.forbidden } })
  const output = result.output as ICruiseResult
  return { files: output.summary.totalCruised, violations: violations(output) }
}

function violations(output: ICruiseResult): string[] {
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' -> ')})` : ''}`)
}

describe('the import rules', () => {
  it('hold for the whole of src/', async () => {
    const { files, violations } = await cruised(root)
    expect(files).toBeGreaterThan(200)
    expect(violations).toEqual([])
  }, 60_000)

  it('catch a circle, an upward import and a module importing a later one', async () => {
    const { violations: found } = await cruised(path.join(root, 'test/architecture/fixture'))
    expect(found.some((v) => v.startsWith('no-circular: src/util/a.ts'))).toBe(true)
    expect(found).toContain('layer-lists: src/lists/save.ts -> src/graphql/modules/base/context.ts')
    expect(found).toContain('graphql-module-base: src/graphql/modules/base/context.ts -> src/graphql/modules/lists/entry.ts')
  }, 60_000)
})
