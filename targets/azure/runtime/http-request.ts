import type { HttpRequest, HttpResponseInit } from '@azure/functions'
import type { QueryParameter } from '../../../runtime/builders/types.ts'
import type { Address } from '../../../runtime/core/envelope.ts'
import type { Logger } from '../../../runtime/core/logger.ts'
import { traceIdFromHeaders } from '../../../runtime/core/trace.ts'
import { decodeBody, encodeAnswer, refuseEncodedBody } from '../../../runtime/http/body.ts'
import { bodyTooLarge, toProblem } from '../../../runtime/http/problem.ts'
import { commandParameter, HTTP_SENDER } from '../../../runtime/http/routes.ts'
import { createCommand } from '../../../runtime/service/context.ts'
import { tracingGlue } from './function.ts'
import type { RouteGuard } from './guarded-route.ts'

export interface HttpRouteTarget {
  receiver: Address
  /** The route as registered, /api/v1/users/{userId}: names the request's span. */
  template: string
  queryParameters: readonly QueryParameter[]
  /** The body and answer types exposeAsHttpEndpoint declared. */
  contentType: string
  responseContentType: string
  /** Present when the endpoint is protected: it runs before the body is read, as on every target. */
  authenticate?: RouteGuard
  bodyLimit: number
  logger: Logger
  invoke(command: ReturnType<typeof createCommand>): Promise<unknown>
}

/**
 * Answers an HTTP trigger's request the way the monolith answers the same request: the same
 * parameter object, the same 204/200 JSON, the same problem+json errors and x-trace-id header.
 */
export function answerHttpRequest(request: HttpRequest, route: HttpRouteTarget): Promise<HttpResponseInit> {
  // Header names come lowercased from Headers, as the monolith sees them.
  const headers = Object.fromEntries(request.headers)
  const url = new URL(request.url)
  // Traced, inside an HTTP server span (traced.ts); the span's trace id is the request's.
  return tracingGlue()?.http(request, url.pathname, headers, route.template, (traceId) => answer(request, url, route, headers, traceId)) ?? answer(request, url, route, headers, traceIdFromHeaders(headers))
}

async function answer(request: HttpRequest, url: URL, route: HttpRouteTarget, headers: Record<string, string>, traceId: string): Promise<HttpResponseInit> {
  try {
    const cause = route.authenticate ? await route.authenticate({ method: request.method, path: url.pathname, headers }, traceId) : { traceId }
    const payload = await readBody(request, headers['content-type'], route)
    const parameter = commandParameter(route.queryParameters, url.search.slice(1), pathParameters(request))
    const output = await route.invoke(createCommand(route.receiver, HTTP_SENDER, payload, parameter, cause))
    if (output === undefined) return { status: 204, headers: { 'x-trace-id': traceId } }
    const answer = encodeAnswer(output, route.responseContentType)
    return { status: 200, headers: { 'x-trace-id': traceId, 'content-type': answer.contentType }, body: answer.body }
  } catch (error) {
    const problem = toProblem(error, traceId, route.logger)
    return { status: problem.status, headers: { 'x-trace-id': traceId, 'content-type': 'application/problem+json' }, body: JSON.stringify(problem) }
  }
}

async function readBody(request: HttpRequest, contentType: string | undefined, route: HttpRouteTarget): Promise<unknown> {
  // The declared length is checked first, so a body far over the limit is not read at all.
  if (Number(request.headers.get('content-length') ?? 0) > route.bodyLimit) throw bodyTooLarge(route.bodyLimit)
  const body = Buffer.from(await request.arrayBuffer())
  if (body.length === 0) return undefined
  refuseEncodedBody(request.headers.get('content-encoding') ?? undefined)
  if (body.length > route.bodyLimit) throw bodyTooLarge(route.bodyLimit)
  return decodeBody(body, contentType, route.contentType)
}

/** The host passes route parameters decoded; an optional one that is absent may come as an empty value. */
const pathParameters = (request: HttpRequest): Record<string, string> => Object.fromEntries(Object.entries(request.params).filter(([, value]) => value !== undefined && value !== ''))
