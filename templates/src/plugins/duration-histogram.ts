import type { Metric, Registry } from 'prom-client';

/** One line of the exposition, in the shape prom-client's registry prints. */
export interface Sample {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

/** One time series: a method, route and status code, counted into buckets. */
export class DurationSeries {
  /** counts[i] holds observations in (bounds[i-1], bounds[i]]; the last slot is +Inf. */
  private readonly counts: Float64Array;
  private sum = 0;
  private count = 0;

  constructor(
    private readonly bounds: readonly number[],
    readonly labels: Readonly<Record<DurationLabel, string>>,
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(seconds: number): void {
    let i = 0;
    while (i < this.bounds.length && seconds > this.bounds[i]!) i++;
    this.counts[i]! += 1;
    this.sum += seconds;
    this.count += 1;
  }

  reset(): void {
    this.counts.fill(0);
    this.sum = 0;
    this.count = 0;
  }

  values(name: string): Sample[] {
    const out: Sample[] = [];
    let cumulative = 0;
    for (let i = 0; i <= this.bounds.length; i++) {
      cumulative += this.counts[i]!;
      const le = i < this.bounds.length ? this.bounds[i]! : '+Inf';
      out.push({ metricName: `${name}_bucket`, labels: { le, ...this.labels }, value: cumulative });
    }
    out.push({ metricName: `${name}_sum`, labels: this.labels, value: this.sum });
    out.push({ metricName: `${name}_count`, labels: this.labels, value: this.count });
    return out;
  }
}

export type DurationLabel = 'method' | 'route' | 'status_code';

export interface DurationHistogramOptions {
  name: string;
  help: string;
  buckets: readonly number[];
  registers: Registry[];
}

/**
 * The request-duration histogram, observed on every request. prom-client's
 * Histogram validates and hashes its labels on each observe(); here a route
 * looks its series up once and afterwards only adds to an array, which took
 * a measurable share of per-request CPU off the cached GET in bench/. It
 * registers in the same prom-client registry and prints the same exposition
 * format, so Prometheus, the dashboard and the alerts see no difference.
 */
export class DurationHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private readonly bounds: readonly number[];
  private readonly series = new Map<string, DurationSeries>();

  constructor(options: DurationHistogramOptions) {
    this.name = options.name;
    this.help = options.help;
    this.bounds = [...options.buckets].sort((a, b) => a - b);
    // prom-client's Metric type lists its own classes; the registry needs only get() and reset().
    for (const registry of options.registers) registry.registerMetric(this as unknown as Metric);
  }

  /** The series for these labels; callers on a hot path keep the result. */
  labels(method: string, route: string, statusCode: string): DurationSeries {
    const key = `${method} ${route} ${statusCode}`;
    let found = this.series.get(key);
    if (found === undefined) {
      found = new DurationSeries(this.bounds, { method, route, status_code: statusCode });
      this.series.set(key, found);
    }
    return found;
  }

  get(): { name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: Sample[] } {
    const values = [...this.series.values()].flatMap((s) => s.values(this.name));
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  // Zeroed in place, not dropped: routes keep their series and go on observing into them.
  reset(): void {
    for (const series of this.series.values()) series.reset();
  }
}
