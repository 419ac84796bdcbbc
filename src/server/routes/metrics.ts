/**
 * GET /metrics: request counts and latencies, and the loaded index's size, in
 * the Prometheus text format, for whoever runs Quire as a service.
 * @module
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ServerDeps } from '../context.js';
import type { MetricsRegistry } from '../metrics/registry.js';

export function registerMetrics(app: OpenAPIHono, { holder }: ServerDeps, metrics: MetricsRegistry): void {
  app.get('/metrics', (c) => {
    const index = holder.current();
    const body = metrics.render([
      { name: 'quire_index_loaded', help: '1 when an index is loaded and questions can be answered.', value: index ? 1 : 0 },
      { name: 'quire_index_documents', help: 'Documents in the loaded index.', value: index?.documents.size ?? 0 },
      { name: 'quire_index_chunks', help: 'Chunks in the loaded index.', value: index?.size ?? 0 },
    ]);
    return c.text(body, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
}
