/**
 * Feeds every answered request to the metrics registry, labelled by the
 * route pattern Hono matched.
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { MetricsRegistry } from './registry.js';

export const recordMetrics = (metrics: MetricsRegistry): MiddlewareHandler => async (c, next) => {
  const started = performance.now();
  await next();
  // The route's pattern, not the path; middleware (registered for ALL methods) is not a route.
  // Static files and unknown paths share one label each instead of one per path.
  const handler = matchedRoutes(c).findLast((route) => route.method !== 'ALL');
  const route = handler?.path ?? (c.res.status === 404 ? 'unmatched' : 'static');
  metrics.observe({ method: c.req.method, route, status: c.res.status, seconds: (performance.now() - started) / 1000 });
};
