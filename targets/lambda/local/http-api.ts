import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda'
import { LOCAL_ACCOUNT } from './aws-endpoint.ts'
import type { Invocation } from './function-process.ts'
import { readBody } from './read-body.ts'
import type { LocalApp } from './template.ts'

interface CompiledRoute {
  method: string
  routeKey: string
  functionId: string
  segments: string[]
}

/** API Gateway's payload quota: a larger request is refused before any function runs. */
const PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024

/** Content types API Gateway passes as text; any other body arrives base64-encoded. */
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|application\/[\w.+-]+\+(json|xml))/i

/** Picks the route API Gateway would: the one with most literal segments, then a greedy {proxy+} last. */
export function createRouteMatcher(routes: LocalApp['routes']) {
  const compiled: CompiledRoute[] = routes
    .map((r) => ({ method: r.method, routeKey: `${r.method} ${r.path}`, functionId: r.functionId, segments: r.path.split('/').filter(Boolean) }))
    .sort((a, b) => literalCount(b) - literalCount(a))
  return (method: string, path: string) => {
    // The path as sent: no dot segments resolved, an empty segment (//) matching no route; a trailing / is dropped.
    const parts = path.split('/').slice(1)
    if (parts.at(-1) === '') parts.pop()
    if (parts.includes('')) return undefined
    for (const route of compiled) {
      if (route.method !== method && route.method !== 'ANY') continue
      const parameters = matchSegments(route.segments, parts)
      if (parameters) return { route, parameters }
    }
    return undefined
  }
}

const literalCount = (route: CompiledRoute) => route.segments.filter((s) => !s.startsWith('{')).length

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {}
  for (let i = 0; i < pattern.length; i++) {
    const segment = pattern[i]!
    if (segment.endsWith('+}')) {
      if (i >= parts.length) return undefined
      parameters[segment.slice(1, -2)] = parts.slice(i).join('/')
      return parameters
    }
    if (i >= parts.length) return undefined
    if (segment.startsWith('{')) parameters[segment.slice(1, -1)] = parts[i]!
    else if (segment !== parts[i]) return undefined
  }
  return pattern.length === parts.length ? parameters : undefined
}

/** An HTTP request as API Gateway hands it to a function in payload format 2.0. */
export function toHttpApiEvent(req: IncomingMessage, body: Buffer, routeKey: string, pathParameters: Record<string, string>): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const rawPath = rawPathOf(req.url)
  const rawQueryString = url.search.slice(1)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value
  const cookies = req.headers.cookie?.split(/;\s*/).filter(Boolean)
  const query: Record<string, string> = {}
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value
  const text = TEXT_TYPES.test(req.headers['content-type'] ?? '')
  const host = req.headers.host ?? 'localhost'
  const now = new Date()
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies?.length && { cookies }),
    headers,
    ...(rawQueryString && { queryStringParameters: query }),
    ...(Object.keys(pathParameters).length && { pathParameters }),
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0]!,
      http: { method: req.method ?? 'GET', path: rawPath, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: req.headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length && { body: text ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: body.length > 0 && !text,
  }
}

/** The request target's path as it came, without query or fragment: URL would resolve /../ and so reach a route the client did not name. */
const rawPathOf = (target = '/') => target.split(/[?#]/, 1)[0]!

/** Writes what a function returned the way API Gateway does: a structured result, or any value as JSON. */
function writeResult(res: ServerResponse, result: unknown) {
  const structured = result as APIGatewayProxyStructuredResultV2
  if (typeof structured !== 'object' || structured === null || typeof structured.statusCode !== 'number') {
    return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result))
  }
  const headers: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name] = String(value)
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies
  res.writeHead(structured.statusCode, headers).end(structured.body === undefined ? undefined : Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8'))
}

export interface LocalHttpApi {
  server: Server
  port: number
}

/**
 * The HttpApi of the stack on a local port: each request goes to its route's function. What API
 * Gateway answers itself is answered as it does: its JSON messages, no problem+json, no trace id.
 */
export async function startLocalHttpApi(app: LocalApp, port: number, invoke: (functionId: string, event: unknown) => Promise<Invocation>, log: (line: string) => void = () => {}): Promise<LocalHttpApi> {
  const match = createRouteMatcher(app.routes)
  const gatewayAnswer = (res: ServerResponse, status: number, message: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ message }))
  const server = createServer((req, res) => {
    if (Number(req.headers['content-length'] ?? 0) > PAYLOAD_LIMIT_BYTES) return void gatewayAnswer(res.setHeader('connection', 'close'), 413, 'Request Entity Too Large')
    readBody(req)
      .then(async (body) => {
        const found = match(req.method ?? 'GET', rawPathOf(req.url))
        if (!found) return gatewayAnswer(res, 404, 'Not Found')
        const event = toHttpApiEvent(req, body, found.route.routeKey, found.parameters)
        const outcome = await invoke(found.route.functionId, event)
        if (outcome.ok) return writeResult(res, outcome.result)
        // As CloudWatch would show it: the function's failure (a timeout, a crash), with what identifies the request.
        const traceId = req.headers['x-trace-id'] ?? req.headers.traceparent
        log(`${found.route.functionId}: ${outcome.error.errorType}: ${outcome.error.errorMessage} (request ${event.requestContext.requestId}${traceId ? `, trace id ${traceId}` : ''})`)
        gatewayAnswer(res, 500, 'Internal Server Error')
      })
      .catch(() => gatewayAnswer(res, 500, 'Internal Server Error'))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, process.env.HOST ?? '127.0.0.1', () => resolve())
  })
  return { server, port: (server.address() as AddressInfo).port }
}
