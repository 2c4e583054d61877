import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readBody } from '../../lambda/local/read-body.ts'
import type { FunctionAppProcess, FunctionMetadata } from './function-app-process.ts'
import { triggerOf } from './function-app-process.ts'
import { httpAnswer, httpInvocation } from './invocations.ts'

/** An HTTP-triggered function as its app registered it, and the app's function key. */
export interface HttpFunction {
  app: FunctionAppProcess
  fn: FunctionMetadata
  functionKey: string
}

interface Route extends HttpFunction {
  segments: string[]
  methods: string[] | null
  authLevel: string
}

/** `{userId}` or, optional, `{userId?}`: what purista's routes use of the route template syntax. */
const PARAMETER = /^\{(\w+)(\?)?\}$/

/**
 * Picks the route the host would: literal segments take precedence over parameters, compared
 * without case as ASP.NET routing compares them; a route's methods must include the request's.
 */
export function createRouteMatcher(functions: HttpFunction[]) {
  const routes: Route[] = functions
    .map((f) => {
      const trigger = triggerOf(f.fn)
      const methods = trigger.methods as string[] | undefined
      return { ...f, segments: String(trigger.route).split('/').filter(Boolean), methods: methods?.length ? methods.map((m) => m.toUpperCase()) : null, authLevel: String(trigger.authLevel ?? 'function') }
    })
    .sort((a, b) => literals(b) - literals(a))
  return (method: string, path: string) => {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent)
    for (const route of routes) {
      if (route.methods && !route.methods.includes(method)) continue
      const params = matchSegments(route.segments, parts)
      if (params) return { route, params }
    }
    return undefined
  }
}

const literals = (route: Route) => route.segments.filter((s) => !PARAMETER.test(s)).length

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {}
  for (let i = 0; i < pattern.length; i++) {
    const parameter = PARAMETER.exec(pattern[i]!)
    if (i >= parts.length) return parameter?.[2] ? params : undefined
    if (parameter) params[parameter[1]!] = parts[i]!
    else if (pattern[i]!.toLowerCase() !== parts[i]!.toLowerCase()) return undefined
  }
  return pattern.length === parts.length ? params : undefined
}

/** A function-level route takes the app's key in x-functions-key or ?code=, as the host checks it. */
const authorized = (route: Route, req: IncomingMessage, url: URL) => route.authLevel === 'anonymous' || (req.headers['x-functions-key'] ?? url.searchParams.get('code')) === route.functionKey

export interface LocalFunctionsHost {
  port: number
  /** Routes requests to these functions from now on; until then the host answers 503, as one that is starting. */
  serve(functions: HttpFunction[]): void
  close(): Promise<void>
}

/** The host's request size limit (Kestrel's 100 MB under the Functions host): a larger request is refused unread. */
const REQUEST_LIMIT_BYTES = 100 * 1024 * 1024

/**
 * The HTTP side of the Functions host, for every app of the deployment on one port: each request
 * goes to the function whose route matches, as the worker receives it (invocations.ts). It listens
 * before the apps start, because their settings name its address (another app's URL).
 */
export async function startLocalFunctionsHost(port: number): Promise<LocalFunctionsHost> {
  let match: ReturnType<typeof createRouteMatcher> | undefined
  const empty = (res: ServerResponse, status: number) => res.writeHead(status, { 'content-length': '0' }).end()
  const server = createServer((req, res) => {
    if (Number(req.headers['content-length'] ?? 0) > REQUEST_LIMIT_BYTES) return void empty(res.setHeader('connection', 'close'), 413)
    readBody(req)
      .then(async (body) => {
        if (!match) return empty(res, 503)
        const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`)
        const found = match(req.method ?? 'GET', url.pathname)
        if (!found) return empty(res, 404)
        if (!authorized(found.route, req, url)) return empty(res, 401)
        const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]))
        const response = await found.route.app.invoke(httpInvocation(found.route.fn, { method: req.method ?? 'GET', url: url.href, headers, params: found.params, body }))
        const answer = httpAnswer(response)
        res.writeHead(answer.status, answer.headers).end(answer.body)
      })
      // A function that throws is a 500 with no body, as the host answers it.
      .catch(() => empty(res, 500))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, process.env.HOST ?? '127.0.0.1', () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    serve: (functions) => void (match = createRouteMatcher(functions)),
    close: () => new Promise((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  }
}
