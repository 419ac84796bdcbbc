import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from '../../../src/server/metrics/registry.js';

describe('metrics registry', () => {
  it('counts requests per method, route and status, and buckets latencies cumulatively', () => {
    const metrics = createMetricsRegistry();
    metrics.observe({ method: 'POST', route: '/ask', status: 200, seconds: 0.02 });
    metrics.observe({ method: 'POST', route: '/ask', status: 200, seconds: 0.3 });
    metrics.observe({ method: 'POST', route: '/ask', status: 400, seconds: 0.001 });
    const text = metrics.render([{ name: 'quire_index_chunks', help: 'Chunks.', value: 71 }]);
    expect(text).toContain('quire_http_requests_total{method="POST",route="/ask",status="200"} 2\n');
    expect(text).toContain('quire_http_requests_total{method="POST",route="/ask",status="400"} 1\n');
    expect(text).toContain('quire_http_request_duration_seconds_bucket{method="POST",route="/ask",le="0.005"} 1\n');
    expect(text).toContain('quire_http_request_duration_seconds_bucket{method="POST",route="/ask",le="0.025"} 2\n');
    expect(text).toContain('quire_http_request_duration_seconds_bucket{method="POST",route="/ask",le="0.5"} 3\n');
    expect(text).toContain('quire_http_request_duration_seconds_bucket{method="POST",route="/ask",le="+Inf"} 3\n');
    expect(text).toContain('quire_http_request_duration_seconds_sum{method="POST",route="/ask"} 0.321\n');
    expect(text).toContain('# TYPE quire_index_chunks gauge\nquire_index_chunks 71\n');
  });

  it('escapes label values', () => {
    const metrics = createMetricsRegistry();
    metrics.observe({ method: 'GET', route: 'a"b\\c', status: 200, seconds: 0 });
    expect(metrics.render()).toContain('route="a\\"b\\\\c"');
  });
});
