/**
 * The part of every generated client that does not depend on the app: options, the typed problem
 * error, and the one function that turns a call into a fetch. It is copied into the generated file
 * as it is, so that the client imports nothing; the generated methods only name their route.
 */
export const CLIENT_RUNTIME_SOURCE = `export interface PuristaClientOptions {
  /** Where the app is served, without /api: 'https://api.example.com'. Default: http://localhost:3000 */
  baseUrl?: string
  /** Sent with every request, e.g. { authorization: 'Bearer …' }; a function is called for each request, so a token can be renewed. */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>)
  /** The fetch to call, for tests, retries or a proxy. Default: the global fetch. */
  fetch?: typeof fetch
}

/** Per call: headers added to (or replacing) the client's, and a signal to abort the request. */
export interface RequestOptions {
  headers?: Record<string, string>
  signal?: AbortSignal
}

/** One failing field of an invalid payload or parameter. */
export interface ProblemIssue {
  path: string
  message: string
}

/** An RFC 9457 problem document: how the app answers every request that fails. */
export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  traceId?: string
  /** What the command's HandledError carried. */
  data?: unknown
  /** A 400 lists each failing field. */
  issues?: ProblemIssue[]
  [extension: string]: unknown
}

/** Thrown for every answer that is not a success; a failed fetch (no connection) rejects as fetch does. */
export class PuristaClientError extends Error {
  readonly status: number
  readonly title: string
  readonly detail: string | undefined
  readonly data: unknown
  readonly issues: ProblemIssue[] | undefined
  /** The request's trace id (x-trace-id): the server's log lines about it carry the same. */
  readonly traceId: string | undefined
  /** The problem document; undefined when the answer was not one (a proxy's error page, say). */
  readonly problem: Problem | undefined

  constructor(status: number, statusText: string, problem: Problem | undefined, traceId: string | undefined) {
    const title = problem?.title ?? statusText
    super(problem?.detail ? \`\${status} \${title}: \${problem.detail}\` : \`\${status} \${title}\`)
    this.name = 'PuristaClientError'
    this.status = status
    this.title = title
    this.detail = problem?.detail
    this.data = problem?.data
    this.issues = problem?.issues
    this.traceId = traceId ?? problem?.traceId
    this.problem = problem
  }
}

/** What a generated method knows about its route. */
interface Call {
  method: string
  /** The path with {name} for each path parameter (a segment of its own). */
  path: string
  /** The parameter's members that go into the query string. */
  query?: readonly string[]
  payload?: unknown
  parameter?: object | undefined
}

type Send = <Output>(call: Call, options?: RequestOptions) => Promise<Output>

function createSend(options: PuristaClientOptions): Send {
  const baseUrl = (options.baseUrl ?? 'http://localhost:3000').replace(/\\/+$/, '')
  return async function send<Output>(call: Call, request?: RequestOptions): Promise<Output> {
    const fetchFn = options.fetch ?? fetch
    const values = (call.parameter ?? {}) as Record<string, unknown>
    // Only the last segments of a path can be optional: leaving out those not given is the shorter path.
    const path = call.path.replace(/\\/\\{(\\w+)\\}/g, (_, name: string) => (values[name] === undefined ? '' : \`/\${encodeURIComponent(String(values[name]))}\`))
    const search = new URLSearchParams()
    for (const name of call.query ?? []) if (values[name] !== undefined) search.append(name, String(values[name]))
    const query = String(search) && \`?\${search}\`
    const shared = typeof options.headers === 'function' ? await options.headers() : options.headers
    const hasBody = call.payload !== undefined
    const response = await fetchFn(baseUrl + path + query, {
      method: call.method,
      headers: { ...(hasBody && { 'content-type': 'application/json' }), ...shared, ...request?.headers },
      // Left out rather than undefined: RequestInit types them without undefined (exactOptionalPropertyTypes).
      ...(hasBody && { body: JSON.stringify(call.payload) }),
      ...(request?.signal && { signal: request.signal }),
    })
    const traceId = response.headers.get('x-trace-id') ?? undefined
    if (!response.ok) throw new PuristaClientError(response.status, response.statusText, await readProblem(response), traceId)
    return (response.status === 204 ? undefined : await response.json()) as Output
  }
}

async function readProblem(response: Response): Promise<Problem | undefined> {
  if (!/json/i.test(response.headers.get('content-type') ?? '')) return undefined
  try {
    return (await response.json()) as Problem
  } catch {
    return undefined
  }
}
`
