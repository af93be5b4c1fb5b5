/** Kiroku's GraphQL SDL: every .graphql file in graphql/schema, root types first. */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const SCHEMA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema')

export function loadSchemaSdl(dir = SCHEMA_DIR): string {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.graphql'))
  files.sort((a, b) => (a === 'root.graphql' ? -1 : b === 'root.graphql' ? 1 : a.localeCompare(b)))
  return files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8').trim()).join('\n\n') + '\n'
}
