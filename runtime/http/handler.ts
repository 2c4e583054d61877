import type { IncomingMessage, ServerResponse } from 'node:http'
import { BrokerUnavailable } from '../bridge/broker-link.ts'
import type { EventBridge } from '../bridge/types.ts'
import type { CallContext } from '../core/envelope.ts'
import type { Logger } from '../core/logger.ts'
import { traceIdFromHeaders } from '../core/trace.ts'
import { createCommand } from '../service/context.ts'
import { messagingSystemOf, tracing, type HttpSpan } from '../tracing/tracing.ts'
import { authenticate, type HttpAuthGuard } from './auth-guard.ts'
import { encodeAnswer } from './body.ts'
import { appOpenApiDocument, type OpenApiSecurity } from './openapi.ts'
import { problem, RequestError, toProblem } from './problem.ts'
import { readBody, RequestAborted } from './read-body.ts'
import { responseFailed } from './response-failed.ts'
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

/** Answers a request: untraced without a promise, traced with the one of its span. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | undefined

/** Turns HTTP requests into commands on the bridge and their answers (or errors) back into HTTP. */
export function createHttpHandler(options: HttpHandlerOptions): HttpHandler {
  const { routes, bridge, logger, authGuard } = options
  const bodyLimit = options.bodyLimit ?? 1024 * 1024
  const match = createRouter(routes)
  let openApi: string | undefined
  const traced = tracing
  const commands = traced ? traced.sender(bridge, messagingSystemOf(bridge)) : bridge

  /**
   * Status, headers and body in one writeHead + end. The body's length goes in the headers: without
   * it the head is stored before Node knows the body, which then goes out chunked, in five pieces
   * (head and size line, CRLF, body, CRLF, last chunk); with it Node writes head and body as one string.
   */
  const send = (res: ServerResponse, traceId: string, status: number, contentType?: string, body?: string) => {
    // While shutting down, answers close their connection instead of leaving it idle until keep-alive expires.
    if (options.isClosing?.()) res.shouldKeepAlive = false
    res.writeHead(status, contentType ? { 'x-trace-id': traceId, 'content-type': contentType, 'content-length': Buffer.byteLength(body ?? '') } : { 'x-trace-id': traceId })
    res.end(body)
  }
  const sendJson = (res: ServerResponse, traceId: string, status: number, value: unknown) => send(res, traceId, status, 'application/json', JSON.stringify(value))
  const sendProblem = (res: ServerResponse, p: { status: number; traceId: string }) => send(res, p.traceId, p.status, 'application/problem+json', JSON.stringify(p))

  /**
   * Answers one request. No promise of its own: the body is read with callbacks and the command's
   * answer taken with one `then`, so a request costs no async function, no promise around reading its
   * body and no microtask hop beyond the command's own. `done`, when given (the traced path), is
   * called once the answer is written, with the error when even the problem answer failed; without
   * it, that failure is answered here as the server would (responseFailed).
   */
  function handle(req: IncomingMessage, res: ServerResponse, traceId: string, span?: HttpSpan, done?: (error?: unknown) => void): void {
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
      if (options.isClosing?.()) sendJson(res, traceId, 503, { status: 'stopping' })
      else if (bridge.isReady()) sendJson(res, traceId, 200, { status: 'ok' })
      else sendJson(res, traceId, 503, { status: 'starting' })
      return done?.()
    }
    if (pathname === '/api/openapi.json' && method === 'GET') {
      openApi ??= JSON.stringify(appOpenApiDocument(routes, options.title ?? 'purista app', authGuard && (options.authScheme ?? 'bearer')))
      send(res, traceId, 200, 'application/json', openApi)
      return done?.()
    }

    const found = match(method, pathname)
    if (found.kind === 'not-found') {
      sendProblem(res, problem(404, traceId, `no route for ${pathname}`))
      return done?.()
    }
    if (found.kind === 'method-not-allowed') {
      res.setHeader('allow', found.allowed.join(', '))
      sendProblem(res, problem(405, traceId, `${method} is not allowed here; use ${found.allowed.join(', ')}`))
      return done?.()
    }

    const { route, params } = found
    const { http } = route
    span?.route(route.path)
    const fail = (error: unknown): void => {
      try {
        // Nobody is left to answer: the client went away mid-body. Routine, so no stack and no error level.
        if (error instanceof RequestAborted) logger.info('request aborted by the client before its body was read', { traceId, method, path: pathname })
        else {
          // Refused from its Content-Length, the body is still coming: Node would read all of it to reuse the connection.
          if (!req.complete && error instanceof RequestError && error.status === 413) res.shouldKeepAlive = false
          if (error instanceof BrokerUnavailable) res.setHeader('retry-after', String(error.retryAfterSeconds))
          sendProblem(res, toProblem(error, traceId, logger))
        }
      } catch (failure) {
        return done ? done(failure) : responseFailed(res, failure, logger)
      }
      done?.()
    }
    const answer = (output: unknown): void => {
      try {
        if (output === undefined) send(res, traceId, 204)
        else if (http.responseContentType === 'application/json') sendJson(res, traceId, 200, output)
        else {
          const encoded = encodeAnswer(output, http.responseContentType)
          send(res, traceId, 200, encoded.contentType, encoded.body)
        }
      } catch (error) {
        return fail(error)
      }
      done?.()
    }
    const receive = (cause: CallContext): void => {
      const invoke = (payload: unknown): void => {
        let output: Promise<unknown>
        try {
          output = commands.invoke(createCommand(route.receiver, HTTP_SENDER, payload, commandParameter(http.queryParameters, query, params), cause), options.commandTimeoutMs)
        } catch (error) {
          return fail(error)
        }
        output.then(answer, fail)
      }
      // Traced, the command must start in the HTTP span's context: a promise carries it to its callbacks, a stream event does not.
      if (span) new Promise((resolve, reject) => readBody(req, bodyLimit, http.contentType, (error, payload) => (error === undefined ? resolve(payload) : reject(error)))).then(invoke, fail)
      else readBody(req, bodyLimit, http.contentType, (error, payload) => (error === undefined ? invoke(payload) : fail(error)))
    }
    // Authentication comes before the body is read: a refused caller's body is never parsed.
    if (authGuard && !http.isPublic) authenticate(authGuard, { method, path: pathname, headers: req.headers }, traceId).then(receive, fail)
    else receive({ traceId })
  }

  if (!traced) {
    return (req, res) => {
      handle(req, res, traceIdFromHeaders(req.headers))
      return undefined
    }
  }
  return async (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0]!
    // Health probes come every few seconds and tell an operator nothing a trace would.
    if (path === '/healthz') return handle(req, res, traceIdFromHeaders(req.headers))
    await traced.http({ method: req.method ?? 'GET', path, headers: req.headers }, (traceId, span) => new Promise<ServerResponse>((resolve, reject) => handle(req, res, traceId, span, (error) => (error === undefined ? resolve(res) : reject(error)))))
  }
}
