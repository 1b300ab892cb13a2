/** Shared paths and stubs for the ingest tests. */
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/ingest/', import.meta.url));

export function fixture(name: string): string {
  return FIXTURES + name;
}

/** 2024-06-01T00:00:00Z: after every fixture's dates except the deliberately future one. */
export const NOW = Date.UTC(2024, 5, 1);

/** A `fetch` that serves the given bodies by URL and answers 404 otherwise, recording each request. */
export function stubFetch(routes: Record<string, { body: string | Uint8Array; type?: string; status?: number }>): typeof fetch & { calls: string[] } {
  const calls: string[] = [];
  const stub = async (input: string | URL | Request): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push(url);
    const route = routes[url];
    if (!route) return new Response('not found', { status: 404, statusText: 'Not Found' });
    const body = typeof route.body === 'string' ? route.body : new Uint8Array(route.body);
    const response = new Response(body, { status: route.status ?? 200, headers: { 'content-type': route.type ?? 'application/xml' } });
    Object.defineProperty(response, 'url', { value: url });
    return response;
  };
  return Object.assign(stub as typeof fetch, { calls });
}
