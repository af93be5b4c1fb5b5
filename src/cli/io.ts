/** The CLI's input and output, injectable so tests can run commands in-process. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  /** True when stderr is a terminal: progress bars are drawn only there, never into logs or pipes. */
  stderrIsTTY?: boolean
  /** True when stdout is a terminal: a secret is shown only there, never into a log, pipe or file. */
  stdoutIsTTY?: boolean
  /** Where `serve` writes its log lines; standard output when absent (tests collect them). */
  log?(text: string): void
  /** Reads standard input to its end (or its first line on a terminal). */
  readStdin(): Promise<string>
  /** Resolves, with its name, when the process is asked to stop (SIGINT or SIGTERM): `serve` then shuts down. */
  untilStopped(): Promise<string>
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  readStdin: () =>
    new Promise((resolve, reject) => {
      let data = ''
      process.stdin.setEncoding('utf8')
      process.stdin.on('data', (chunk: string) => {
        data += chunk
        // On a terminal nobody types Ctrl-D after a password: one line is the whole answer.
        if (process.stdin.isTTY && data.includes('\n')) {
          process.stdin.pause()
          resolve(data)
        }
      })
      process.stdin.on('end', () => resolve(data))
      process.stdin.on('error', reject)
    }),
  untilStopped: () =>
    new Promise((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        // Both handlers go: a second Ctrl-C during the shutdown then ends the process at once.
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        resolve(signal)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    }),
}
