/**
 * Request counts and latencies, written in the Prometheus text exposition
 * format for GET /metrics. Pure: the middleware feeds it, the route renders it.
 * Routes are labelled by their pattern ("/chunks/:id"), never by the raw path,
 * so a client cannot grow the label set.
 * @module
 */

/** Upper bounds (seconds) of the latency histogram's buckets. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export interface Gauge {
  name: string;
  help: string;
  value: number;
}

export interface MetricsRegistry {
  observe(request: { method: string; route: string; status: number; seconds: number }): void;
  /** The exposition text, with `gauges` (index size and the like) read at render time. */
  render(gauges?: readonly Gauge[]): string;
}

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

export function createMetricsRegistry(): MetricsRegistry {
  const requests = new Map<string, number>();
  const latency = new Map<string, Histogram>();

  return {
    observe({ method, route, status, seconds }) {
      const counted = labels({ method, route, status: String(status) });
      requests.set(counted, (requests.get(counted) ?? 0) + 1);
      const timed = labels({ method, route });
      const histogram = latency.get(timed) ?? { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
      LATENCY_BUCKETS.forEach((bound, i) => {
        if (seconds <= bound) histogram.buckets[i]! += 1;
      });
      histogram.sum += seconds;
      histogram.count += 1;
      latency.set(timed, histogram);
    },
    render(gauges = []) {
      const lines = ['# HELP quire_http_requests_total HTTP requests answered, by route and status.', '# TYPE quire_http_requests_total counter'];
      for (const [set, n] of requests) lines.push(`quire_http_requests_total{${set}} ${n}`);
      lines.push('# HELP quire_http_request_duration_seconds Time to answer an HTTP request.', '# TYPE quire_http_request_duration_seconds histogram');
      for (const [set, h] of latency) {
        LATENCY_BUCKETS.forEach((bound, i) => lines.push(`quire_http_request_duration_seconds_bucket{${set},le="${bound}"} ${h.buckets[i]}`));
        lines.push(`quire_http_request_duration_seconds_bucket{${set},le="+Inf"} ${h.count}`);
        lines.push(`quire_http_request_duration_seconds_sum{${set}} ${Number(h.sum.toFixed(6))}`);
        lines.push(`quire_http_request_duration_seconds_count{${set}} ${h.count}`);
      }
      for (const { name, help, value } of gauges) lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${value}`);
      return `${lines.join('\n')}\n`;
    },
  };
}

/** `key="value"` pairs, values escaped as the format asks. */
function labels(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
}
