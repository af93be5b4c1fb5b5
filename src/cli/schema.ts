/** `kiroku schema`: prints the GraphQL schema Kiroku serves, as SDL (for code generators and diffs). */
import type { Command } from 'commander'
import { loadSchemaSdl } from '../graphql/schema.js'
import type { CliIo } from './io.js'

export function registerSchemaCommand(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description("print Kiroku's GraphQL schema (SDL, with descriptions) to standard output")
    .action(() => {
      io.stdout(loadSchemaSdl())
    })
}
