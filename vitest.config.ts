import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Argon2 hashing and RSA key generation are CPU-bound: two workers match this machine's two cores.
    maxWorkers: 2,
  },
})
