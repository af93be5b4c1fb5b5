/**
 * Placeholders for real values that exist only at run time (a fresh authorization code, a refresh
 * token not yet rotated, a session's CSRF token): an arbitrary puts a Live where the value goes, and
 * the case fills it in just before it is sent. Cases can then hand the server real, single-use
 * credentials in random positions, and reach the code behind the first type check.
 */
import fc from 'fast-check'

/** A real value made at run time, in place of a value of a case (W: the world it is made in). */
export class Live<W> {
  constructor(
    /** What the value is, as a counterexample prints it. */
    readonly label: string,
    /** Makes the value (a new one for each case: codes and refresh tokens are single-use). */
    readonly make: (world: W) => Promise<string>,
    /** A change to the real value (a character dropped, a suffix), to test near misses. */
    readonly change?: { label: string; apply: (value: string) => string },
  ) {}

  /** The same value, changed. */
  changed(label: string, apply: (value: string) => string): Live<W> {
    return new Live(this.label, this.make, { label, apply })
  }

  [fc.toStringMethod](): string {
    return this.change ? `Live(${this.label}, ${this.change.label})` : `Live(${this.label})`
  }
}

/** Near misses of a real value: what an attacker or a buggy client sends instead of it. */
export const NEAR_MISSES: ReadonlyArray<[string, (value: string) => string]> = [
  ['last character dropped', (v) => v.slice(0, -1)],
  ['a character appended', (v) => `${v}A`],
  ['upper-cased', (v) => v.toUpperCase()],
  ['padded with spaces', (v) => ` ${v} `],
  ['a NUL appended', (v) => `${v}\u0000`],
  ['percent-encoded', (v) => encodeURIComponent(v)],
  ['doubled', (v) => v + v],
  ['reversed', (v) => [...v].reverse().join('')],
]

/** The real value, or one of its near misses. */
export function liveOrNearMiss<W>(live: Live<W>): fc.Arbitrary<Live<W>> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(live) },
    { weight: 1, arbitrary: fc.constantFrom(...NEAR_MISSES).map(([label, apply]) => live.changed(label, apply)) },
  )
}

/** `value` with every Live in it (however deep in arrays and objects) replaced by its real value. */
export async function resolveLive<W>(value: unknown, world: W): Promise<unknown> {
  if (value instanceof Live) {
    const made = await value.make(world)
    return value.change ? value.change.apply(made) : made
  }
  if (Array.isArray(value)) return Promise.all(value.map((item) => resolveLive(item, world)))
  // Only plain objects are walked: others (DeepJson) are values of their own, serialised as they are.
  if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      const resolved = await resolveLive((value as Record<string, unknown>)[key], world)
      Object.defineProperty(out, key, { value: resolved, enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return value
}
