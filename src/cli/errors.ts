/** A failure the CLI reports as one line on stderr with a non-zero exit code (no stack trace). */
import { KirokuError } from '../errors/kiroku-error.js'
export class CliError extends KirokuError {
  readonly code = 'cli'
  constructor(message: string, readonly exitCode = 1) {
    super(message)
  }
}
