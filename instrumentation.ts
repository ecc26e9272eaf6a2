// Every error thrown while rendering a page, running a server action or a route handler, as one
// structured log line (lib/log.ts redacts credentials, cookies and achievement texts); and the socket
// address stamped on each request for the rate limits.
import type { Instrumentation } from 'next';
import { log } from '@/lib/log';

export async function register() {
  // Rate limits count the socket's address (lib/client-address.ts), stamped on each request here.
  if (process.env.NEXT_RUNTIME === 'nodejs') (await import('@/lib/peer-address')).installPeerAddress();
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
