/**
 * Reads AniList-shaped JSON values for the people importer, collecting every problem under the
 * item's name and the field's path ("item 2 (id 21) characters.edges[0].node.age: …") instead of
 * stopping at the first, so one run names all that is wrong with a file.
 */
import { readFuzzyDate } from '../../catalog/fuzzy-date.js'
import type { FuzzyDate } from '../../catalog/media.js'

export type Json = Record<string, unknown>

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

export class JsonReader {
  constructor(readonly problems: string[], readonly label: string) {}

  problem(path: string, message: string): undefined {
    this.problems.push(`${this.label} ${path}: ${message}`)
    return undefined
  }

  /** An integer within bounds; null stays null; absent stays undefined. */
  int(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number | null | undefined {
    if (value === undefined || value === null) return value
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) return this.problem(path, `${JSON.stringify(value)} is not an integer from ${min}`)
    return value
  }

  /** A required id (a positive integer). */
  id(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) return this.problem(path, 'is required (an AniList id)')
    return this.int(value, path, 1) ?? undefined
  }

  string(value: unknown, path: string, maxLength = 10_000): string | null | undefined {
    if (value === undefined || value === null) return value
    if (typeof value !== 'string') return this.problem(path, `${JSON.stringify(value)} is not a string`)
    if (value.length > maxLength) return this.problem(path, `is longer than ${maxLength} characters`)
    return value
  }

  /** An http(s) URL: anything else (javascript:, data:) could run in a client that links to it. */
  url(value: unknown, path: string): string | null | undefined {
    const v = this.string(value, path, 2048)
    if (typeof v !== 'string') return v
    if (!/^https?:\/\/[^\s]+$/i.test(v)) return this.problem(path, `${JSON.stringify(v)} is not an http(s) URL`)
    return v
  }

  bool(value: unknown, path: string): boolean | null | undefined {
    if (value === undefined || value === null || typeof value === 'boolean') return value
    return this.problem(path, `${JSON.stringify(value)} is not true or false`)
  }

  oneOf<T extends string>(value: unknown, path: string, values: readonly T[]): T | null | undefined {
    if (value === undefined || value === null) return value
    if (typeof value !== 'string' || !values.includes(value as T)) return this.problem(path, `${JSON.stringify(value)} is not one of ${values.join(', ')}`)
    return value as T
  }

  /** A list of strings; null reads as empty; null items are dropped (AniList pads some lists with them). */
  strings(value: unknown, path: string): string[] | undefined {
    if (value === undefined) return undefined
    if (value === null) return []
    if (!Array.isArray(value) || value.some((s) => s !== null && (typeof s !== 'string' || s.length > 1000))) return this.problem(path, 'is not a list of strings')
    return (value as Array<string | null>).filter((s): s is string => s !== null && s !== '')
  }

  ints(value: unknown, path: string): number[] | undefined {
    if (value === undefined) return undefined
    if (value === null) return []
    if (!Array.isArray(value) || value.some((n) => n !== null && (typeof n !== 'number' || !Number.isSafeInteger(n)))) return this.problem(path, 'is not a list of integers')
    return (value as Array<number | null>).filter((n): n is number => n !== null)
  }

  date(value: unknown, path: string): FuzzyDate | undefined {
    if (value === undefined) return undefined
    const date = readFuzzyDate(value)
    return 'problem' in date ? this.problem(path, date.problem) : date
  }

  /** An object field, or undefined (with a problem when it is something else). */
  object(value: unknown, path: string): Json | undefined {
    if (value === undefined || value === null) return undefined
    if (!isObject(value)) return this.problem(path, 'is not an object')
    return value
  }

  /** A list field, or undefined (with a problem when it is something else). */
  list(value: unknown, path: string): unknown[] | undefined {
    if (value === undefined || value === null) return undefined
    if (!Array.isArray(value)) return this.problem(path, 'is not a list')
    return value
  }
}
