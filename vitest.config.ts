import { createRequire } from 'node:module'
import { defineConfig } from 'vitest/config'

const require = createRequire(import.meta.url)

export default defineConfig({
  // graphql 16 ships ESM (.mjs) and CommonJS builds. Node loads the CommonJS one for both Kiroku and
  // Mercurius; Vite would hand Kiroku's code the .mjs one, and graphql's instanceof checks then fail
  // across the two copies. Resolve to the same file Node does.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Argon2 hashing and RSA key generation are CPU-bound: two workers match this machine's two cores.
    maxWorkers: 2,
  },
})
