/** A failure the CLI reports as one line on stderr with a non-zero exit code (no stack trace). */
export class CliError extends Error {
  override name = 'CliError'
  constructor(message: string, readonly exitCode = 1) {
    super(message)
  }
}
