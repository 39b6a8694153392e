import { isCrossSite } from './read-body';

/**
 * The answer to a state-changing /api request from another site's page, or null when it may go on.
 * tRPC is left out on purpose: its mutations are JSON POSTs a browser preflights cross-origin, while
 * a form or a raw-body POST (these routes) is sent without asking.
 */
export function refuseCrossSite(request: Request): Response | null {
  if (!isCrossSite(request)) return null;
  return Response.json(
    {
      error: `The studio refused this ${request.method} request because it came from another site's page (${request.headers.get('origin') ?? 'cross-site'}); send it from the studio's own pages.`,
    },
    { status: 403 },
  );
}
