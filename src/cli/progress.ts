/** A one-line progress bar on stderr, redrawn in place; silent unless stderr is a terminal. */
import type { CliIo } from './io.js'

const WIDTH = 30

/** Returns a progress callback `(done, total)`; the bar ends with a line break once done reaches total. */
export function progressBar(io: CliIo, label: string): (done: number, total: number) => void {
  if (!io.stderrIsTTY) return () => {}
  return (done, total) => {
    const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH)
    io.stderr(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total}`)
    if (done >= total) io.stderr('\n')
  }
}
