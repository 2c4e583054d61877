import { readFileSync } from 'node:fs'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda'
import { traceIdFromHeaders } from '../../../runtime/core/trace.ts'

/**
 * The function of the app's own routes, /api/openapi.json and /healthz, as the monolith serves
 * them. It carries no command: the document is a file the build wrote beside it, read once per
 * container, so no function has to load every command's schemas to answer it.
 */
export function appRoutesFunction(documentUrl: URL): (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2> {
  const document = readFileSync(documentUrl, 'utf8')
  return async (event) => {
    const headers = { 'x-trace-id': traceIdFromHeaders(event.headers ?? {}), 'content-type': 'application/json' }
    // A function that runs answers: Lambda has no bridge that could be not ready yet.
    if (event.rawPath === '/healthz') return { statusCode: 200, headers, body: JSON.stringify({ status: 'ok' }) }
    return { statusCode: 200, headers, body: document }
  }
}
