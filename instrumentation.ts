// Every error thrown while rendering a page, running a server action or a route handler, as one
// structured log line (lib/log.ts redacts credentials, cookies and achievement texts); and the request
// guards of lib/request-guards.ts.
import type { Instrumentation } from 'next';
import { log } from '@/lib/log';

export async function register() {
  // The socket address for the rate limits and a 400 for malformed paths, before Next.js parses them.
  if (process.env.NEXT_RUNTIME === 'nodejs') (await import('@/lib/request-guards')).installRequestGuards();
}

export const onRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const e = error as Error & { digest?: string };
  log.error('request_error', {
    method: request.method,
    path: request.path.split('?')[0],
    routeType: context.routeType,
    route: context.routePath,
    digest: e.digest,
    error: e,
  });
};
