/** An import that was refused before anything was written, with every problem found, one per line. */
import { KirokuError } from '../../errors/kiroku-error.js'
export class ImportError extends KirokuError {
  readonly code = 'invalid_import'
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0]! : `${problems.length} problems:\n${problems.slice(0, MAX_LISTED).join('\n')}${problems.length > MAX_LISTED ? `\n… and ${problems.length - MAX_LISTED} more` : ''}`)
  }
}

/** Problems listed in the message; a file with thousands of bad items should not flood the terminal. */
const MAX_LISTED = 20

/** A file's text as JSON; text that is not JSON is an ImportError saying so. Every reader of import files starts here. */
export function parseImportJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ImportError([`the file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`])
  }
}
