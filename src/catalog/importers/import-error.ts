/** An import that was refused before anything was written, with every problem found, one per line. */
export class ImportError extends Error {
  override name = 'ImportError'
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0]! : `${problems.length} problems:\n${problems.slice(0, MAX_LISTED).join('\n')}${problems.length > MAX_LISTED ? `\n… and ${problems.length - MAX_LISTED} more` : ''}`)
  }
}

/** Problems listed in the message; a file with thousands of bad items should not flood the terminal. */
const MAX_LISTED = 20
