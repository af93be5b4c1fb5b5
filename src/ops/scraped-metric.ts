/**
 * Kiroku's own instruments, counted in plain numbers and handed to prom-client only when /metrics is
 * read. prom-client (with the OpenTelemetry API it loads) is a tenth of a start-up and hashes a label
 * object on every observation; an installation that is never scraped needs neither. What prom-client
 * asks of a registered metric is `get()`: name, help, type and the values with their labels.
 */

export interface ScrapedValue {
  labels: Record<string, string | number>
  value: number
  /** For a histogram's `_bucket`, `_sum` and `_count` lines. */
  metricName?: string
}

export interface ScrapedMetric {
  name: string
  help: string
  type: 'counter' | 'histogram'
  aggregator: 'sum'
  get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: ScrapedValue[] }>
}

/** A counter whose series are told apart by a few labels with values from small fixed sets. */
export class LabelledCounter<L extends string> {
  private readonly series = new Map<string, { labels: Record<L, string>; value: number }>()

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly L[],
  ) {}

  /** Adds `by` (1 unless given; 0 makes the series exist at 0). */
  inc(labels: Record<L, string>, by = 1): void {
    const key = this.labelNames.map((name) => labels[name]).join('\u0000')
    const series = this.series.get(key)
    if (series) series.value += by
    else this.series.set(key, { labels: { ...labels }, value: by })
  }

  /** The counter as prom-client's registry reads it. */
  scraped(): ScrapedMetric {
    const metric: ScrapedMetric = {
      name: this.name,
      help: this.help,
      type: 'counter',
      aggregator: 'sum',
      get: async () => ({ ...metric, values: [...this.series.values()].map((s) => ({ labels: { ...s.labels }, value: s.value })) }),
    }
    return metric
  }
}
