import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { dialectFreeTestFiles } from './test/dialect-free.js'

// Every test runs on SQLite; with KIROKU_TEST_POSTGRES_URL set (CI sets it) the suite runs a second
// time on PostgreSQL, each test server in a schema of its own, but for the files that never reach a
// database of the dialect under test (test/dialect-free.ts): those would only repeat themselves; nor
// for the site's browser tests, which run on SQLite only (test/helpers/site-browser.ts says why), so that the
// PostgreSQL half does not even load them.
const postgresUrl = process.env.KIROKU_TEST_POSTGRES_URL
if (!postgresUrl) {
  console.warn('\n[kiroku] KIROKU_TEST_POSTGRES_URL is not set: the PostgreSQL half of the suite is SKIPPED (set it to postgres://… to run it).\n')
}

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for both `import` and Mercurius' `require`; Vite would pick
    // its .mjs build for `import`, giving tests two graphql instances that reject each other's types.
    alias: [{ find: /^graphql$/, replacement: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) }],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Argon2 hashing and RSA key generation are CPU-bound: two workers match this machine's two cores.
    maxWorkers: 2,
    // A worker runs its files one after another in one module graph instead of loading the whole server
    // (some 400 modules through Vite's module runner, 3 s a file) anew for each: that loading was more
    // than half of the suite's time. Tests share no state through modules: every test builds its own
    // server, database and clock (test/helpers/server.ts) and restores what it stubs.
    isolate: false,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], env: { KIROKU_TEST_DIALECT: 'sqlite' } } },
      ...(postgresUrl
        ? [{ extends: true as const, test: { name: 'postgres', include: ['test/**/*.test.ts'], exclude: [...dialectFreeTestFiles(fileURLToPath(new URL('.', import.meta.url))), 'test/site/**/*.browser.test.ts'], env: { KIROKU_TEST_DIALECT: 'postgres', KIROKU_TEST_POSTGRES_URL: postgresUrl } } }]
        : []),
    ],
  },
})
