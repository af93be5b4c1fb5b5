import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for both `import` and Mercurius' `require`; Vite would pick
    // its .mjs build for `import`, giving tests two graphql instances that reject each other's types.
    alias: [{ find: /^graphql$/, replacement: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Argon2 hashing and RSA key generation are CPU-bound: two workers match this machine's two cores.
    maxWorkers: 2,
  },
})
