#!/usr/bin/env node
// Empties dist/ before a build: tsc writes the files it compiles but never removes those whose source
// was moved or deleted, and a stale file there would still be importable.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true })
