/**
 * The test files that never reach a database of the dialect under test: they import nothing that
 * leads (through the test's own imports) to test/helpers/database.ts or names the dialect. The suite's
 * PostgreSQL half skips them (vitest.config.ts): run again there, they would test the same code the
 * same way. A file counts as dialect-dependent as soon as any file it imports, however deep, is.
 */
import fs from 'node:fs'
import path from 'node:path'

const DIALECT_MARK = /createTestDatabase|TEST_DIALECT|KIROKU_TEST_DIALECT|KIROKU_TEST_POSTGRES/
const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g

/** Test files (paths relative to `root`, with /) whose tests are the same on every dialect. */
export function dialectFreeTestFiles(root: string): string[] {
  const testDir = path.join(root, 'test')
  const files = (fs.readdirSync(testDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => path.join(testDir, f))
  const known = new Set(files)
  const memo = new Map<string, boolean>()
  const reachesDatabase = (file: string, visiting: Set<string>): boolean => {
    const cached = memo.get(file)
    if (cached !== undefined) return cached
    if (visiting.has(file)) return false
    visiting.add(file)
    const source = fs.readFileSync(file, 'utf8')
    let result = DIALECT_MARK.test(source)
    for (const match of source.matchAll(RELATIVE_IMPORT)) {
      if (result) break
      const target = path.resolve(path.dirname(file), match[1]!).replace(/\.js$/, '.ts')
      if (known.has(target)) result = reachesDatabase(target, visiting)
    }
    memo.set(file, result)
    return result
  }
  return files
    .filter((f) => f.endsWith('.test.ts') && !reachesDatabase(f, new Set()))
    .map((f) => path.relative(root, f).split(path.sep).join('/'))
}
