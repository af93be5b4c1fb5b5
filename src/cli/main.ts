/**
 * The `kiroku` command. Each subcommand lives in its own file; this one wires them up and turns every
 * failure into one line on stderr and a non-zero exit code.
 */
import { Command, CommanderError } from 'commander'
import { CliError } from './errors.js'
import { processIo, type CliIo } from './io.js'
import { registerServeCommand } from './serve.js'
import { registerUserCommands } from './user.js'
import { registerClientCommands } from './client.js'
import { registerClientSecretCommand } from './client-secret.js'
import { registerKeysCommands } from './keys.js'
import { registerSchemaCommand } from './schema.js'
import { registerImportCommand } from './import.js'
import { registerExportCommand } from './mal-xml.js'
import { registerMigrateCommands } from './migrate.js'
import { registerCopyCommand } from './copy.js'
import { registerFiguresCommands } from './figures.js'
import { registerPullCommands } from './pull.js'

/** The `kiroku` command tree, writing through `io` and throwing instead of exiting (see main). */
export function buildProgram(io: CliIo): Command {
  const output = {
    writeOut: io.stdout,
    writeErr: io.stderr,
    // Commander's own errors (unknown option, missing argument) read like ours: one line, "kiroku: …".
    outputError: (text: string, write: (text: string) => void) => write(`kiroku: ${oneLine(text.replace(/^error: /, ''))}\n`),
  }
  const program = new Command('kiroku')
    .description("Kiroku: a self-hosted server that speaks AniList's API v2 (OAuth 2.0 and GraphQL)")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput(output)
  registerServeCommand(program, io)
  registerUserCommands(program, io)
  registerClientCommands(program, io)
  registerClientSecretCommand(program, io)
  registerKeysCommands(program, io)
  registerSchemaCommand(program, io)
  registerImportCommand(program, io)
  registerExportCommand(program, io)
  registerMigrateCommands(program, io)
  registerCopyCommand(program, io)
  registerFiguresCommands(program, io)
  registerPullCommands(program, io)
  // Every subcommand inherits the strict behaviour: unknown flags and bad arguments are errors.
  for (const command of allCommands(program)) command.exitOverride().configureOutput(output)
  return program
}

/** Joins a multi-line message (commander puts "(Did you mean …?)" on a line of its own) into one line. */
function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ')
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)])
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io)
  if (argv.length === 0) {
    // No command is a usage error: the help goes to stderr, as commander does for `kiroku user`.
    program.outputHelp({ error: true })
    return 1
  }
  try {
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has already printed its one-line error otherwise.
      return error.exitCode
    }
    if (error instanceof CliError) {
      io.stderr(`kiroku: ${error.message}\n`)
      return error.exitCode
    }
    io.stderr(`kiroku: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}
