/**
 * Per-request batching: every `load` made while one level of a query resolves is answered by one call
 * of the batch function, and each key is fetched at most once per request (as DataLoader does).
 */

interface Pending<K, V> {
  key: K
  resolve(value: V | null): void
  reject(error: unknown): void
}

/** Collects keys until the current batch of resolvers has run, then loads them together. */
export class BatchLoader<K, V> {
  private readonly cache = new Map<K, Promise<V | null>>()
  private queue: Pending<K, V>[] = []

  /** `batch` receives distinct keys and returns what it found; keys missing from the map load as null. */
  constructor(private readonly batch: (keys: K[]) => Promise<Map<K, V>>) {}

  /** The value for a key (null when there is none), from this request's cache or the next batch. */
  load(key: K): Promise<V | null> {
    const cached = this.cache.get(key)
    if (cached) return cached
    const promise = new Promise<V | null>((resolve, reject) => {
      if (this.queue.length === 0) this.schedule()
      this.queue.push({ key, resolve, reject })
    })
    this.cache.set(key, promise)
    return promise
  }

  /** The values for several keys, in their order. */
  loadMany(keys: readonly K[]): Promise<Array<V | null>> {
    return Promise.all(keys.map((k) => this.load(k)))
  }

  /** Remembers a value fetched some other way (a page of media) so that loads of it cost nothing. */
  prime(key: K, value: V): void {
    if (!this.cache.has(key)) this.cache.set(key, Promise.resolve(value))
  }

  /** Drops a key from this request's cache (after a mutation changed it), so that the next load reads it anew. */
  forget(key: K): void {
    this.cache.delete(key)
  }

  // After the promise jobs already queued (the sibling resolvers of this level) have run, as DataLoader does.
  private schedule(): void {
    void Promise.resolve().then(() => process.nextTick(() => void this.dispatch()))
  }

  private async dispatch(): Promise<void> {
    const queue = this.queue
    this.queue = []
    try {
      const found = await this.batch([...new Set(queue.map((p) => p.key))])
      for (const p of queue) p.resolve(found.get(p.key) ?? null)
    } catch (error) {
      for (const p of queue) {
        this.cache.delete(p.key)
        p.reject(error)
      }
    }
  }
}
