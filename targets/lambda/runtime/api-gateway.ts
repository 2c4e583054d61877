import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda'
import type { QueryParameter } from '../../../runtime/builders/types.ts'
import type { Address } from '../../../runtime/core/envelope.ts'
import type { Logger } from '../../../runtime/core/logger.ts'
import { traceIdFromHeaders } from '../../../runtime/core/trace.ts'
import { bodyTooLarge, parseJsonBody, toProblem } from '../../../runtime/http/problem.ts'
import { commandParameter, HTTP_SENDER } from '../../../runtime/http/routes.ts'
import { createCommand } from '../../../runtime/service/context.ts'

/** An API Gateway HTTP API request in payload format 2.0. */
export const isHttpApiEvent = (event: unknown): event is APIGatewayProxyEventV2 =>
  (event as APIGatewayProxyEventV2)?.version === '2.0' && typeof (event as APIGatewayProxyEventV2).requestContext?.http === 'object'

export interface HttpRouteTarget {
  receiver: Address
  queryParameters: readonly QueryParameter[]
  bodyLimit: number
  logger: Logger
  invoke(command: ReturnType<typeof createCommand>): Promise<unknown>
}

/**
 * Answers an HTTP API request the way the monolith answers the same request: the same parameter
 * object, the same 204/200 JSON, the same problem+json errors and x-trace-id header.
 */
export async function handleHttpApiEvent(event: APIGatewayProxyEventV2, route: HttpRouteTarget): Promise<APIGatewayProxyStructuredResultV2> {
  const headers = requestHeaders(event)
  const traceId = traceIdFromHeaders(headers)
  try {
    const payload = readBody(event, headers['content-type'], route.bodyLimit)
    const parameter = commandParameter(route.queryParameters, event.rawQueryString ?? '', decodedPathParameters(event))
    const output = await route.invoke(createCommand(route.receiver, HTTP_SENDER, payload, parameter, { traceId }))
    if (output === undefined) return { statusCode: 204, headers: { 'x-trace-id': traceId } }
    return { statusCode: 200, headers: { 'x-trace-id': traceId, 'content-type': 'application/json' }, body: JSON.stringify(output) }
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

function readBody(event: APIGatewayProxyEventV2, contentType: string | undefined, limit: number): unknown {
  if (!event.body) return undefined
  const body = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
  if (body.length > limit) throw bodyTooLarge(limit)
  return parseJsonBody(body, contentType)
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
