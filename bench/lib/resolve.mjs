// Imports a package as a given checkout resolves it, so that bare limits and peers run on the same
// Fastify and jose as the Kiroku they are compared with.
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export async function importFrom(dir, name) {
  const require = createRequire(path.join(dir, 'package.json'))
  let resolved
  try {
    resolved = require.resolve(name)
  } catch {
    throw new Error(`${name} is not installed in ${dir}: run npm install there`)
  }
  return import(pathToFileURL(resolved).href)
}

/** The value of `--name value` in argv, or fallback. */
export function option(argv, name, fallback) {
  const i = argv.indexOf(name)
  if (i < 0) return fallback
  const value = argv[i + 1]
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`)
  return value
}
