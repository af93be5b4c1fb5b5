#!/usr/bin/env node
// The installed `kiroku` command: runs the compiled CLI (npm start and npm run kiroku build it first).
import { existsSync } from 'node:fs'

const entry = new URL('../dist/cli/main.js', import.meta.url)
if (!existsSync(entry)) {
  console.error('kiroku: not built yet; run `npm run build` first (npm start does it for you)')
  process.exit(1)
}
const { main } = await import(entry.href)
process.exitCode = await main(process.argv.slice(2))
