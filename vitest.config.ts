import { defineConfig } from 'vitest/config'

// Every test runs on SQLite; with KIROKU_TEST_POSTGRES_URL set (CI sets it) the whole suite runs a
// second time on PostgreSQL, each test server in a schema of its own.
const postgresUrl = process.env.KIROKU_TEST_POSTGRES_URL
if (!postgresUrl) {
  console.warn('\n[kiroku] KIROKU_TEST_POSTGRES_URL is not set: the PostgreSQL half of the suite is SKIPPED (set it to postgres://… to run it).\n')
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Argon2 hashing and RSA key generation are CPU-bound: two workers match this machine's two cores.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], env: { KIROKU_TEST_DIALECT: 'sqlite' } } },
      ...(postgresUrl
        ? [{ extends: true as const, test: { name: 'postgres', include: ['test/**/*.test.ts'], env: { KIROKU_TEST_DIALECT: 'postgres', KIROKU_TEST_POSTGRES_URL: postgresUrl } } }]
        : []),
    ],
  },
})
