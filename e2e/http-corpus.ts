/**
 * One corpus of HTTP requests against the user-email fixture, each with the one answer expected:
 * status, content type and problem shape. It runs unchanged against every target (monolith,
 * containers gateway, Lambda run locally, Azure run locally); everything purista answers is the
 * same on all of them. Where the platform answers before purista runs (API Gateway's own 404, the
 * Functions host's empty 404, Node's parser in front of a function), the case states that answer
 * for that target, and the README lists each of these differences ("Same request, same answer").
 * Bad input of any kind belongs here, so one corpus serves every issue about it.
 */
import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import { gzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import type { AppUnderTest } from './scenarios.ts'

export type CorpusTarget = 'monolith' | 'containers' | 'lambda' | 'azure'

interface Answer {
  status: number
  /** The content-type header's media type; null when the answer has none. */
  contentType: string | null
  /** Matched against the parsed problem+json or JSON body. */
  body?: Record<string, unknown> | unknown[]
  /** The exact text of the body (a platform's empty answer). */
  text?: string
  /** The trace id the answer must carry (header and problem). */
  traceId?: string
}

interface HttpCase {
  name: string
  method?: string
  path?: string
  headers?: Record<string, string>
  body?: string | Uint8Array<ArrayBuffer> | (() => string)
  /** Bytes written to the socket as they are, for what fetch will not send. */
  raw?: string
  expect: Answer
  /** The platform's own answer on a target where it answers before purista runs. */
  platform?: Partial<Record<CorpusTarget, Answer>>
}

const JSON_TYPE = { 'content-type': 'application/json' }
const unique = () => randomBytes(4).toString('hex')
const problem = (status: number, title: string, fields: Record<string, unknown> = {}): Answer => ({ status, contentType: 'application/problem+json', body: { type: 'about:blank', status, title, ...fields } })
const invalidPayload = problem(400, 'Bad Request', { issues: expect.any(Array) })
const unsupported = (detail?: string) => problem(415, 'Unsupported Media Type', detail ? { detail } : {})
const noRoute = (path: string) => problem(404, 'Not Found', { detail: `no route for ${path}` })
const notAllowed = (detail: string) => problem(405, 'Method Not Allowed', { detail })
const unknownUser = (userId: string) => problem(404, 'Not Found', { detail: 'user not found', data: { userId } })
/** API Gateway answers a request no route takes, before any function runs. */
const apiGatewayNotFound: Answer = { status: 404, contentType: 'application/json', body: { message: 'Not Found' } }
/** The Functions host answers a request no function takes with an empty 404. */
const hostNotFound: Answer = { status: 404, contentType: null, text: '' }
const platformNotFound = { lambda: apiGatewayNotFound, azure: hostNotFound }
/** Node's own answer to what its parser refuses, where Node stands in for the platform's front door. */
const nodeParserAnswer = (status: number): Answer => ({ status, contentType: null, text: '' })

const registration = (fields: Record<string, unknown> = {}) => () => JSON.stringify({ email: `corpus-${unique()}@example.com`, name: 'Corpus', ...fields })
const created: Answer = { status: 200, contentType: 'application/json', body: { userId: expect.stringMatching(/^[0-9a-f-]{36}$/) } }
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'

export const HTTP_CORPUS: HttpCase[] = [
  // Routes: purista's router on the monolith and gateway; the platform's in front of Lambda and Azure.
  { name: 'an unknown user is the command\'s 404', path: '/api/v1/users/does-not-exist', expect: unknownUser('does-not-exist') },
  { name: 'a percent-encoded path parameter arrives decoded', path: '/api/v1/users/ada%20lovelace', expect: unknownUser('ada lovelace') },
  { name: 'an encoded slash stays inside the parameter', path: '/api/v1/users/a%2Fb', expect: unknownUser('a/b') },
  { name: 'a non-ASCII path parameter', path: '/api/v1/users/%C3%BCser', expect: unknownUser('üser') },
  { name: 'an unknown path', path: '/nothing-here', expect: noRoute('/nothing-here'), platform: platformNotFound },
  { name: 'the root path', path: '/', expect: noRoute('/'), platform: platformNotFound },
  { name: 'an unknown version', path: '/api/v2/users/x', expect: noRoute('/api/v2/users/x'), platform: platformNotFound },
  { name: 'an internal command has no route', method: 'POST', path: '/api/v1/getUser', headers: JSON_TYPE, body: '{}', expect: noRoute('/api/v1/getUser'), platform: platformNotFound },
  { name: 'DELETE on a POST route', method: 'DELETE', path: '/api/v1/users', expect: notAllowed('DELETE is not allowed here; use POST'), platform: platformNotFound },
  { name: 'PUT on a GET route with a parameter', method: 'PUT', path: '/api/v1/users/x', headers: JSON_TYPE, body: '{}', expect: notAllowed('PUT is not allowed here; use GET'), platform: platformNotFound },
  { name: 'PATCH on a GET route', method: 'PATCH', path: '/api/v1/mails', expect: notAllowed('PATCH is not allowed here; use GET'), platform: platformNotFound },
  { name: 'OPTIONS without CORS configured', method: 'OPTIONS', path: '/api/v1/users', expect: notAllowed('OPTIONS is not allowed here; use POST'), platform: platformNotFound },
  { name: 'GET on a POST route, trailing slash', path: '/api/v1/users/', expect: notAllowed('GET is not allowed here; use POST'), platform: platformNotFound },
  // Raw: fetch would resolve the dot segments before sending.
  { name: 'dot segments are not resolved into another route', raw: 'POST /api/v1/../v1/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}', expect: noRoute('/api/v1/../v1/users'), platform: { lambda: apiGatewayNotFound, azure: invalidPayload } },
  { name: 'an empty segment matches no route', method: 'POST', path: '/api//v1/users', headers: JSON_TYPE, body: '{}', expect: noRoute('/api//v1/users'), platform: { lambda: apiGatewayNotFound, azure: invalidPayload } },
  { name: 'paths are case-sensitive', path: '/API/V1/USERS/x', expect: noRoute('/API/V1/USERS/x'), platform: { lambda: apiGatewayNotFound, azure: unknownUser('x') } },
  { name: 'an absolute-form request target', raw: 'GET http://localhost/api/v1/users/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', expect: noRoute('http://localhost/api/v1/users/x'), platform: { lambda: apiGatewayNotFound, azure: unknownUser('x') } },
  { name: 'a fragment sent by the client is not part of the query', raw: 'GET /api/v1/mails?to=nobody@example.com#frag HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n', expect: { status: 200, contentType: 'application/json', body: [] } },
  { name: 'POST on the OpenAPI document', method: 'POST', path: '/api/openapi.json', expect: noRoute('/api/openapi.json'), platform: platformNotFound },

  // Query parameters.
  { name: 'a declared query parameter', path: '/api/v1/mails?to=nobody@example.com', expect: { status: 200, contentType: 'application/json', body: [] } },
  { name: 'a percent-encoded query value', path: '/api/v1/mails?to=nobody%40example.com', expect: { status: 200, contentType: 'application/json', body: [] } },
  { name: 'the first of a repeated query parameter wins', path: '/api/v1/mails?to=nobody@example.com&to=not-an-email', expect: { status: 200, contentType: 'application/json', body: [] } },
  { name: 'an invalid query parameter names it', path: '/api/v1/mails?to=not-an-email', expect: problem(400, 'Bad Request', { issues: [expect.objectContaining({ path: 'to' })] }) },
  { name: 'a missing required query parameter names it', path: '/api/v1/mails', expect: problem(400, 'Bad Request', { issues: [expect.objectContaining({ path: 'to' })] }) },
  { name: 'an undecodable query value is taken as it came', path: '/api/v1/mails?to=%ZZ', expect: invalidPayload },
  { name: 'an undeclared query parameter is ignored', path: '/api/v1/mails?to=nobody@example.com&debug=1', expect: { status: 200, contentType: 'application/json', body: [] } },

  // Bodies: JSON and its media types.
  { name: 'a valid registration', method: 'POST', path: '/api/v1/users', headers: JSON_TYPE, body: registration(), expect: created },
  { name: 'an empty object names the missing fields', method: 'POST', path: '/api/v1/users', headers: JSON_TYPE, body: '{}', expect: invalidPayload },
  { name: 'an invalid email names the field', method: 'POST', path: '/api/v1/users', headers: JSON_TYPE, body: '{"email":"not-an-email","name":"X"}', expect: problem(400, 'Bad Request', { issues: [{ path: 'email', message: 'Invalid email address' }] }) },
  { name: 'truncated JSON', method: 'POST', path: '/api/v1/users', headers: JSON_TYPE, body: '{"email":', expect: problem(400, 'Bad Request', { detail: 'request body is not valid JSON' }) },
  { name: 'an empty JSON body is a missing payload', method: 'POST', path: '/api/v1/users', headers: JSON_TYPE, body: '', expect: invalidPayload },
  { name: 'a JSON array', method: 'POST', path: '/api/v1/users', headers: JSON_TYPE, body: '[]', expect: invalidPayload },
  { name: 'JSON null', method: 'POST', path: '/api/v1/users', headers: JSON_TYPE, body: 'null', expect: invalidPayload },
  { name: 'a JSON string', method: 'POST', path: '/api/v1/users', headers: JSON_TYPE, body: '"ada"', expect: invalidPayload },
  { name: 'wrong field types', method: 'POST', path: '/api/v1/users', headers: JSON_TYPE, body: '{"email":{"a":[1,2,{}]},"name":7}', expect: invalidPayload },
  { name: 'no content-type', method: 'POST', path: '/api/v1/users', body: new TextEncoder().encode('{}'), expect: unsupported('expected a body of content-type application/json, got "none"') },
  { name: 'text/plain', method: 'POST', path: '/api/v1/users', headers: { 'content-type': 'text/plain' }, body: '{}', expect: unsupported('expected a body of content-type application/json, got "text/plain"') },
  { name: 'application/json-seq is not JSON', method: 'POST', path: '/api/v1/users', headers: { 'content-type': 'application/json-seq' }, body: '{}', expect: unsupported() },
  { name: 'a form body to a JSON endpoint', method: 'POST', path: '/api/v1/users', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a@b.co&name=A', expect: unsupported() },
  { name: 'multipart to a JSON endpoint', method: 'POST', path: '/api/v1/users', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--', expect: unsupported() },
  { name: 'application/problem+json is JSON', method: 'POST', path: '/api/v1/users', headers: { 'content-type': 'application/problem+json' }, body: '{}', expect: invalidPayload },
  { name: 'a vendor +json type is JSON', method: 'POST', path: '/api/v1/users', headers: { 'content-type': 'application/vnd.corpus+json' }, body: registration(), expect: created },
  { name: 'the media type ignores case', method: 'POST', path: '/api/v1/users', headers: { 'content-type': 'Application/JSON' }, body: '{}', expect: invalidPayload },
  { name: 'charset=utf-8', method: 'POST', path: '/api/v1/users', headers: { 'content-type': 'application/json; charset=utf-8' }, body: registration(), expect: created },
  { name: 'a quoted upper-case UTF-8 charset', method: 'POST', path: '/api/v1/users', headers: { 'content-type': 'application/json;charset="UTF-8"' }, body: '{}', expect: invalidPayload },
  { name: 'UTF-16 is refused, not misread', method: 'POST', path: '/api/v1/users', headers: { 'content-type': 'application/json; charset=utf-16' }, body: '{}', expect: unsupported('only UTF-8 bodies are accepted, got "application/json; charset=utf-16"') },
  { name: 'ISO-8859-1 is refused, not stored as U+FFFD', method: 'POST', path: '/api/v1/users', headers: { 'content-type': 'application/json; charset=iso-8859-1' }, body: '{}', expect: unsupported() },
  { name: 'a leading UTF-8 BOM is tolerated', method: 'POST', path: '/api/v1/users', headers: JSON_TYPE, body: () => `\uFEFF${registration()()}`, expect: created },
  { name: 'a gzip body is 415, not "not valid JSON"', method: 'POST', path: '/api/v1/users', headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: gzipSync('{}'), expect: unsupported('content-encoding "gzip" is not supported; send the body uncompressed') },
  { name: 'a brotli body is 415', method: 'POST', path: '/api/v1/users', headers: { ...JSON_TYPE, 'content-encoding': 'br' }, body: '{}', expect: unsupported('content-encoding "br" is not supported; send the body uncompressed') },
  { name: 'content-encoding identity is plain', method: 'POST', path: '/api/v1/users', headers: { ...JSON_TYPE, 'content-encoding': 'identity' }, body: '{}', expect: invalidPayload },
  { name: 'a chunked body', raw: 'POST /api/v1/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n', expect: invalidPayload },

  // Sizes: the body limit (1 MB), the state store's limits, the platform's request limits.
  { name: 'a body over the 1 MB limit', method: 'POST', path: '/api/v1/users', headers: JSON_TYPE, body: JSON.stringify({ name: 'x'.repeat(1100 * 1024) }), expect: problem(413, 'Content Too Large', { detail: 'request body exceeds 1048576 bytes' }) },
  {
    name: 'a Content-Length far over every limit is refused at once',
    raw: 'POST /api/v1/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{',
    expect: problem(413, 'Content Too Large', { detail: 'request body exceeds 1048576 bytes' }),
    platform: { lambda: { status: 413, contentType: 'application/json', body: { message: 'Request Entity Too Large' } }, azure: { status: 413, contentType: null, text: '' } },
  },
  { name: 'a value over the state store\'s item limit is 413 naming it', method: 'POST', path: '/api/v1/users', headers: JSON_TYPE, body: registration({ name: 'x'.repeat(500 * 1024) }), expect: problem(413, 'Content Too Large', { detail: expect.stringContaining("at most 409600 bytes (DynamoDB's item limit, on every target)") }) },
  { name: 'a state key over the key limit is 400 naming it', method: 'POST', path: '/api/v1/users', headers: JSON_TYPE, body: () => JSON.stringify({ email: `${'a'.repeat(2100)}@example.com`, name: 'Long' }), expect: problem(400, 'Bad Request', { detail: expect.stringContaining("DynamoDB's key limit, on every target") }) },
  { name: 'a path parameter over the key limit is 400 naming it', path: `/api/v1/users/${'u'.repeat(3000)}`, expect: problem(400, 'Bad Request', { detail: expect.stringContaining("DynamoDB's key limit, on every target") }) },

  // What Node's HTTP parser refuses: purista answers problem+json where it owns the socket.
  { name: 'a malformed request line', raw: 'GARBAGE\r\n\r\n', expect: problem(400, 'Bad Request', { detail: 'the request is not valid HTTP' }), platform: { lambda: nodeParserAnswer(400), azure: nodeParserAnswer(400) } },
  { name: 'a header line without a colon', raw: 'GET /api/v1/users/x HTTP/1.1\r\nHost: localhost\r\nno colon here\r\n\r\n', expect: problem(400, 'Bad Request', { detail: 'the request is not valid HTTP' }), platform: { lambda: nodeParserAnswer(400), azure: nodeParserAnswer(400) } },
  { name: 'headers over 16 KB', raw: `GET /api/v1/users/x HTTP/1.1\r\nHost: localhost\r\nx-big: ${'a'.repeat(17 * 1024)}\r\n\r\n`, expect: problem(431, 'Request Header Fields Too Large'), platform: { lambda: nodeParserAnswer(431), azure: nodeParserAnswer(431) } },
  { name: 'Content-Length and Transfer-Encoding together', raw: 'POST /api/v1/users HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', expect: problem(400, 'Bad Request', { detail: 'the request is not valid HTTP' }), platform: { lambda: nodeParserAnswer(400), azure: nodeParserAnswer(400) } },
  // Node refuses it after parsing, before any request handler runs, on every target alike.
  { name: 'an HTTP/1.1 request without Host', raw: 'GET /api/v1/users/x HTTP/1.1\r\n\r\n', expect: nodeParserAnswer(400) },

  // Trace ids.
  { name: 'x-trace-id is answered and carried in the problem', path: '/api/v1/users/traced', headers: { 'x-trace-id': 'corpus-trace-1' }, expect: { ...unknownUser('traced'), traceId: 'corpus-trace-1' } },
  { name: 'a W3C traceparent gives the trace id', path: '/api/v1/users/traced', headers: { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` }, expect: { ...unknownUser('traced'), traceId: TRACE_ID } },
  { name: 'a malformed x-trace-id is replaced, not echoed', path: '/api/v1/users/traced', headers: { 'x-trace-id': 'has spaces <script>' }, expect: { ...unknownUser('traced'), traceId: expect.not.stringContaining(' ') as unknown as string } },
]

interface Received {
  status: number
  headers: Record<string, string | undefined>
  text: string
}

async function send(base: string, c: HttpCase): Promise<Received> {
  if (c.raw !== undefined) return sendRaw(new URL(base), c.raw)
  const body = typeof c.body === 'function' ? c.body() : c.body
  const res = await fetch(base + c.path, { method: c.method ?? 'GET', headers: c.headers, body })
  return { status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() }
}

/** The first answer to bytes written as they are; the server may close before reading them all. */
function sendRaw(base: URL, bytes: string): Promise<Received> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(base.port), base.hostname, () => socket.write(bytes))
    let answer = ''
    const parse = (): Received | undefined => {
      const headEnd = answer.indexOf('\r\n\r\n')
      if (headEnd < 0) return undefined
      const [statusLine, ...lines] = answer.slice(0, headEnd).split('\r\n')
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
      const rest = answer.slice(headEnd + 4)
      let text: string
      if (headers['transfer-encoding'] === 'chunked') {
        if (!rest.endsWith('0\r\n\r\n')) return undefined
        text = dechunk(rest)
      } else {
        const length = Number(headers['content-length'] ?? 0)
        if (rest.length < length) return undefined
        text = rest.slice(0, length)
      }
      return { status: Number(statusLine!.split(' ')[1]), headers, text }
    }
    const finish = () => {
      const received = parse()
      socket.destroy()
      received ? resolve(received) : reject(new Error(`no complete answer: ${JSON.stringify(answer.slice(0, 300))}`))
    }
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => ((answer += chunk), parse() && finish()))
    socket.on('end', finish)
    socket.on('error', (error) => (answer ? finish() : reject(error)))
  })
}

/** A chunked body's data (the corpus's answers are ASCII: sizes in bytes are sizes in characters). */
function dechunk(rest: string): string {
  let text = ''
  for (let at = 0; ; ) {
    const lineEnd = rest.indexOf('\r\n', at)
    const size = parseInt(rest.slice(at, lineEnd), 16)
    if (!size) return text
    text += rest.slice(lineEnd + 2, lineEnd + 2 + size)
    at = lineEnd + 2 + size + 2
  }
}

/** Every case of the corpus as a test against one target. */
export function httpCorpus(app: () => AppUnderTest, target: CorpusTarget) {
  describe('HTTP corpus', () => {
    test.each(HTTP_CORPUS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const expected = c.platform?.[target] ?? c.expect
      const received = await send(app().base, c)
      const contentType = received.headers['content-type']?.split(';', 1)[0] ?? null
      expect({ status: received.status, contentType }).toEqual({ status: expected.status, contentType: expected.contentType })
      if (expected.text !== undefined) expect(received.text).toBe(expected.text)
      if (expected.body !== undefined) expect(JSON.parse(received.text)).toMatchObject(expected.body)
      // Whatever purista answers carries its trace id, the same in the header and the problem.
      if (expected.contentType === 'application/problem+json') expect(JSON.parse(received.text).traceId).toBe(received.headers['x-trace-id'])
      if (expected.traceId !== undefined) expect(received.headers['x-trace-id']).toEqual(expected.traceId)
    })
  })
}
