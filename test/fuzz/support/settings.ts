/**
 * How many cases each property runs and from which seed. Both are fixed by default, so that CI runs
 * the same cases every time and a failure reproduces; a developer explores further with
 *   KIROKU_FUZZ_SEED=<integer>  another seed (every property of the run uses it),
 *   KIROKU_FUZZ_RUNS=<integer>  that many cases for every property instead of its default count,
 *   KIROKU_FUZZ_PATH=<path>     with the seed of a failure, replays its shrunk counterexample at once
 *                               (use it with `-t` naming that one property),
 *   KIROKU_FUZZ_STATS=1         prints how often each kind of answer came back, per property.
 */
import fc from 'fast-check'

/** The seed of every property unless KIROKU_FUZZ_SEED says otherwise. */
export const DEFAULT_SEED = 20_260_806

function integerFromEnv(name: string): number | undefined {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return undefined
  if (!/^-?\d{1,10}$/.test(raw)) throw new Error(`${name} must be an integer, not ${JSON.stringify(raw)}`)
  return Number(raw)
}

/** The seed of this run. */
export const FUZZ_SEED = integerFromEnv('KIROKU_FUZZ_SEED') ?? DEFAULT_SEED
const RUNS_OVERRIDE = integerFromEnv('KIROKU_FUZZ_RUNS')
const REPLAY_PATH = process.env.KIROKU_FUZZ_PATH || undefined

/** The number of cases a property runs: its default, or KIROKU_FUZZ_RUNS. */
export function runsFor(defaultRuns: number): number {
  return RUNS_OVERRIDE !== undefined && RUNS_OVERRIDE > 0 ? RUNS_OVERRIDE : defaultRuns
}

/**
 * Checks `predicate` on `defaultRuns` cases of `arbitrary` (or KIROKU_FUZZ_RUNS) from the fixed seed.
 * A failure names the seed and path to replay it, and the shrunk case that broke the property.
 */
export async function checkProperty<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, defaultRuns: number): Promise<void> {
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), {
    seed: FUZZ_SEED,
    numRuns: runsFor(defaultRuns),
    ...(REPLAY_PATH ? { path: REPLAY_PATH, endOnFailure: true } : {}),
  })
  if (!details.failed) return
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
  throw new Error(
    `Property failed after ${details.numRuns} case(s). Reproduce with KIROKU_FUZZ_SEED=${details.seed} KIROKU_FUZZ_PATH=${JSON.stringify(details.counterexamplePath)}\n` +
      `Case: ${truncate(fc.stringify(details.counterexample?.[0]), 4000)}\n` +
      `Failure: ${truncate(cause, 4000)}`,
  )
}

/** At most `max` characters of `text`, saying how much was cut (cases hold strings of 100,000 characters). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`
}
