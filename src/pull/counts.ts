/**
 * Sums the nested counters of several import results ({inserted, updated, studios: {inserted…}, …})
 * into one, so that a pull written in many batches reports one set of figures.
 */
export type Counts = { [key: string]: number | number[] | boolean | Counts | undefined }

export function addCounts(into: Counts, from: Counts): void {
  for (const [key, value] of Object.entries(from)) {
    if (typeof value === 'number') into[key] = ((into[key] as number | undefined) ?? 0) + value
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const target = (into[key] ??= {}) as Counts
      addCounts(target, value)
    }
  }
}
