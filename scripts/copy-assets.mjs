#!/usr/bin/env node
// tsc compiles only TypeScript; the page templates, static assets and GraphQL SDL files are read at run
// time from beside the compiled code, so the build copies them into dist/ with the same layout.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const assetExtensions = new Set(['.eta', '.css', '.js', '.svg', '.graphql', '.ico', '.png', '.json'])
// TypeScript sources are compiled by tsc, never copied.
const isSource = (name) => name.endsWith('.ts')
const copyTree = (from, to) => {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name)
    const target = path.join(to, entry.name)
    if (entry.isDirectory()) copyTree(source, target)
    else if (assetExtensions.has(path.extname(entry.name)) && !isSource(entry.name)) {
      fs.mkdirSync(to, { recursive: true })
      fs.copyFileSync(source, target)
    }
  }
}
// The output folder is dist/ unless given (a test builds a private copy elsewhere).
const out = path.resolve(root, process.argv[2] ?? 'dist')
// Every asset under src/ keeps its place: page templates in views/, each GraphQL module's schema.graphql beside it.
copyTree(path.join(root, 'src'), out)
