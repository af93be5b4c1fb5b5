/**
 * The base of every error Kiroku raises on purpose. Each class names what went wrong with a literal
 * `code` (tests and the three renderers key on it, never on the message) and the HTTP status a client
 * is answered with; the original failure, if any, travels as `cause`. Errors that never reach an HTTP
 * client (the CLI's, the configuration's) keep the default status 500, which renderers mask.
 */
export abstract class KirokuError extends Error {
  /** A stable name for what went wrong, e.g. 'not_found', 'invalid_grant'. */
  abstract readonly code: string
  /** The HTTP status a client gets for it; 500 and above are masked as internal errors. */
  readonly status: number = 500

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}
