import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda'
import type { HttpExposure } from '../../../runtime/builders/types.ts'
import type { Address } from '../../../runtime/core/envelope.ts'
import type { Logger } from '../../../runtime/core/logger.ts'
import { traceIdFromHeaders } from '../../../runtime/core/trace.ts'
import { authenticate, type HttpAuthGuard } from '../../../runtime/http/auth-guard.ts'
import { decodeBody, encodeAnswer, refuseEncodedBody } from '../../../runtime/http/body.ts'
import { bodyTooLarge, toProblem } from '../../../runtime/http/problem.ts'
import { commandParameter, HTTP_SENDER } from '../../../runtime/http/routes.ts'
import { createCommand } from '../../../runtime/service/context.ts'
import { tracing } from '../../../runtime/tracing/tracing.ts'

/** An API Gateway HTTP API request in payload format 2.0. */
export const isHttpApiEvent = (event: unknown): event is APIGatewayProxyEventV2 =>
  (event as APIGatewayProxyEventV2)?.version === '2.0' && typeof (event as APIGatewayProxyEventV2).requestContext?.http === 'object'

export interface HttpRouteTarget {
  receiver: Address
  http: Pick<HttpExposure, 'queryParameters' | 'contentType' | 'responseContentType'>
  /** Present when the endpoint is protected: it runs before the body is read, as on every target. */
  authGuard?: HttpAuthGuard
  bodyLimit: number
  logger: Logger
  invoke(command: ReturnType<typeof createCommand>): Promise<unknown>
}

/**
 * Answers an HTTP API request the way the monolith answers the same request: the same parameter
 * object, the same 204/200 JSON, the same problem+json errors and x-trace-id header.
 */
export function handleHttpApiEvent(event: APIGatewayProxyEventV2, route: HttpRouteTarget): Promise<APIGatewayProxyStructuredResultV2> {
  const headers = requestHeaders(event)
  if (!tracing) return answer(event, route, headers, traceIdFromHeaders(headers))
  const { method } = event.requestContext.http
  // routeKey is API Gateway's "POST /api/v1/users/{userId}": the route template, known before the call.
  const template = event.routeKey?.split(' ')[1]
  return tracing.http({ method, path: event.rawPath, headers, route: template }, (traceId) => answer(event, route, headers, traceId))
}

async function answer(event: APIGatewayProxyEventV2, route: HttpRouteTarget, headers: Record<string, string | undefined>, traceId: string): Promise<APIGatewayProxyStructuredResultV2> {
  const { http, authGuard } = route
  try {
    const cause = authGuard ? await authenticate(authGuard, { method: event.requestContext.http.method, path: event.rawPath, headers }, traceId) : { traceId }
    const payload = readBody(event, headers, route.bodyLimit, http.contentType)
    const parameter = commandParameter(http.queryParameters, event.rawQueryString ?? '', decodedPathParameters(event))
    const output = await route.invoke(createCommand(route.receiver, HTTP_SENDER, payload, parameter, cause))
    if (output === undefined) return { statusCode: 204, headers: { 'x-trace-id': traceId } }
    const answer = encodeAnswer(output, http.responseContentType)
    return { statusCode: 200, headers: { 'x-trace-id': traceId, 'content-type': answer.contentType }, body: answer.body }
  } catch (error) {
    const problem = toProblem(error, traceId, route.logger)
    return { statusCode: problem.status, headers: { 'x-trace-id': traceId, 'content-type': 'application/problem+json' }, body: JSON.stringify(problem) }
  }
}

/** Header names arrive lowercased; cookies arrive apart from them and are put back as one header. */
function requestHeaders(event: APIGatewayProxyEventV2): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ')
  return headers
}

function readBody(event: APIGatewayProxyEventV2, headers: Record<string, string | undefined>, limit: number, declaredType: string): unknown {
  if (!event.body) return undefined
  refuseEncodedBody(headers['content-encoding'])
  const body = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
  if (body.length > limit) throw bodyTooLarge(limit)
  return decodeBody(body, headers['content-type'], declaredType)
}

/**
 * Path parameters may arrive still percent-encoded; the monolith hands them to commands decoded.
 * A value that does not decode (a literal %) is passed as it came.
 */
function decodedPathParameters(event: APIGatewayProxyEventV2): Record<string, string> {
  const parameters: Record<string, string> = {}
  for (const [name, value] of Object.entries(event.pathParameters ?? {})) {
    if (value === undefined) continue
    try {
      parameters[name] = decodeURIComponent(value)
    } catch {
      parameters[name] = value
    }
  }
  return parameters
}
