import { readFileSync } from 'node:fs'
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions'
import { traceIdFromHeaders } from '../../../runtime/core/trace.ts'
/** The functions' names: no `<Service>-v<version>-<name>` can spell them. */
export const APP_ROUTE_FUNCTIONS = { openApi: 'purista-openapi', health: 'purista-healthz' }

/**
 * The app's own routes, /api/openapi.json and /healthz, as the monolith serves them. The document
 * is a file the build wrote, read once when the worker loads the functions: answering it needs no
 * command's schemas, and the app serving it need not hold every service.
 */
export function appRoutesFunctions(documentUrl: URL): void {
  const document = readFileSync(documentUrl, 'utf8')
  const answer = (request: HttpRequest, body: string): HttpResponseInit => ({
    status: 200,
    headers: { 'x-trace-id': traceIdFromHeaders(Object.fromEntries(request.headers)), 'content-type': 'application/json' },
    body,
  })
  app.http(APP_ROUTE_FUNCTIONS.openApi, { route: 'api/openapi.json', methods: ['GET'], authLevel: 'anonymous', handler: (request: HttpRequest) => answer(request, document) })
  // A worker that runs its functions answers: there is no bridge here that could be not ready yet.
  app.http(APP_ROUTE_FUNCTIONS.health, { route: 'healthz', methods: ['GET'], authLevel: 'anonymous', handler: (request: HttpRequest) => answer(request, JSON.stringify({ status: 'ok' })) })
}
