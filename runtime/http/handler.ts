import type { IncomingMessage, ServerResponse } from 'node:http'
import { BrokerUnavailable } from '../bridge/broker-link.ts'
import type { EventBridge } from '../bridge/types.ts'
import type { Logger } from '../core/logger.ts'
import { traceIdFromHeaders } from '../core/trace.ts'
import { createCommand } from '../service/context.ts'
import { messagingSystemOf, tracing, type HttpSpan } from '../tracing/tracing.ts'
import { authenticate, type HttpAuthGuard } from './auth-guard.ts'
import { decodeBody, encodeAnswer, refuseEncodedBody } from './body.ts'
import { appOpenApiDocument, type OpenApiSecurity } from './openapi.ts'
import { bodyTooLarge, problem, RequestError, toProblem } from './problem.ts'
import { commandParameter, createRouter, HTTP_SENDER, type HttpRoute } from './routes.ts'

export interface HttpHandlerOptions {
  routes: HttpRoute[]
  bridge: EventBridge
  logger: Logger
  /** Largest accepted request body in bytes (default 1 MB). */
  bodyLimit?: number
  commandTimeoutMs?: number
  title?: string
  /** True once the server is shutting down: answers then close their connection. */
  isClosing?: () => boolean
  /** The app's auth guard: every route not made public passes it first (see auth-guard.ts). */
  authGuard?: HttpAuthGuard
  /** How the OpenAPI document describes what the auth guard checks. */
  authScheme?: OpenApiSecurity['scheme']
}

/** Turns HTTP requests into commands on the bridge and their answers (or errors) back into HTTP. */
export function createHttpHandler(options: HttpHandlerOptions) {
  const { routes, bridge, logger, authGuard } = options
  const bodyLimit = options.bodyLimit ?? 1024 * 1024
  const match = createRouter(routes)
  let openApi: string | undefined
  const traced = tracing
  const commands = traced ? traced.sender(bridge, messagingSystemOf(bridge)) : bridge

  /** Status, headers and body in one writeHead + end: Node then sends them in a single write. */
  const send = (res: ServerResponse, traceId: string, status: number, contentType?: string, body?: string) => {
    // While shutting down, answers close their connection instead of leaving it idle until keep-alive expires.
    if (options.isClosing?.()) res.shouldKeepAlive = false
    res.writeHead(status, contentType ? { 'x-trace-id': traceId, 'content-type': contentType } : { 'x-trace-id': traceId })
    res.end(body)
  }
  const sendJson = (res: ServerResponse, traceId: string, status: number, value: unknown) => send(res, traceId, status, 'application/json', JSON.stringify(value))
  const sendProblem = (res: ServerResponse, p: { status: number; traceId: string }) => send(res, p.traceId, p.status, 'application/problem+json', JSON.stringify(p))

  async function handle(req: IncomingMessage, res: ServerResponse, traceId: string, span?: HttpSpan): Promise<void> {
    const target = req.url ?? '/'
    // A fragment is the client's own and not part of the request: Node's parser passes it through.
    const fragmentStart = target.indexOf('#')
    const url = fragmentStart < 0 ? target : target.slice(0, fragmentStart)
    const queryStart = url.indexOf('?')
    const pathname = queryStart < 0 ? url : url.slice(0, queryStart)
    const query = queryStart < 0 ? '' : url.slice(queryStart + 1)
    const method = req.method ?? 'GET'

    if (pathname === '/healthz') {
      // A draining server is unhealthy too: load balancers stop sending it new connections.
      if (options.isClosing?.()) return sendJson(res, traceId, 503, { status: 'stopping' })
      return bridge.isReady() ? sendJson(res, traceId, 200, { status: 'ok' }) : sendJson(res, traceId, 503, { status: 'starting' })
    }
    if (pathname === '/api/openapi.json' && method === 'GET') {
      openApi ??= JSON.stringify(appOpenApiDocument(routes, options.title ?? 'purista app', authGuard && (options.authScheme ?? 'bearer')))
      return send(res, traceId, 200, 'application/json', openApi)
    }

    const found = match(method, pathname)
    if (found.kind === 'not-found') return sendProblem(res, problem(404, traceId, `no route for ${pathname}`))
    if (found.kind === 'method-not-allowed') {
      res.setHeader('allow', found.allowed.join(', '))
      return sendProblem(res, problem(405, traceId, `${method} is not allowed here; use ${found.allowed.join(', ')}`))
    }

    const { route, params } = found
    const { http } = route
    span?.route(route.path)
    try {
      // Authentication comes before the body is read: a refused caller's body is never parsed.
      const cause = authGuard && !http.isPublic ? await authenticate(authGuard, { method, path: pathname, headers: req.headers }, traceId) : { traceId }
      const payload = await readBody(req, bodyLimit, http.contentType)
      const parameter = commandParameter(http.queryParameters, query, params)
      const output = await commands.invoke(createCommand(route.receiver, HTTP_SENDER, payload, parameter, cause), options.commandTimeoutMs)
      if (output === undefined) return send(res, traceId, 204)
      if (http.responseContentType === 'application/json') return sendJson(res, traceId, 200, output)
      const answer = encodeAnswer(output, http.responseContentType)
      return send(res, traceId, 200, answer.contentType, answer.body)
    } catch (error) {
      // Nobody is left to answer: the client went away mid-body. Routine, so no stack and no error level.
      if (error instanceof RequestAborted) return logger.info('request aborted by the client before its body was read', { traceId, method, path: pathname })
      // Refused from its Content-Length, the body is still coming: Node would read all of it to reuse the connection.
      if (!req.complete && error instanceof RequestError && error.status === 413) res.shouldKeepAlive = false
      if (error instanceof BrokerUnavailable) res.setHeader('retry-after', String(error.retryAfterSeconds))
      return sendProblem(res, toProblem(error, traceId, logger))
    }
  }

  if (!traced) return (req: IncomingMessage, res: ServerResponse): Promise<void> => handle(req, res, traceIdFromHeaders(req.headers))
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?', 1)[0]!
    // Health probes come every few seconds and tell an operator nothing a trace would.
    if (path === '/healthz') return handle(req, res, traceIdFromHeaders(req.headers))
    await traced.http({ method: req.method ?? 'GET', path, headers: req.headers }, async (traceId, span) => (await handle(req, res, traceId, span), res))
  }
}

/** The client closed the connection before its body was read to the end. */
class RequestAborted extends Error {}

/** Plain stream events: an async iterator over the request costs several allocations per request. */
function readBody(req: IncomingMessage, limit: number, declaredType: string): Promise<unknown> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(bodyTooLarge(limit))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
    })
    // Node reports a connection closed mid-body as an error on the request (ECONNRESET, "aborted").
    req.once('error', () => reject(new RequestAborted()))
    req.once('end', () => {
      if (size > limit) return reject(bodyTooLarge(limit))
      if (size === 0) return resolve(undefined)
      try {
        refuseEncodedBody(req.headers['content-encoding'])
        resolve(decodeBody(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), req.headers['content-type'], declaredType))
      } catch (error) {
        reject(error)
      }
    })
  })
}

