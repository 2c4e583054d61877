import { newTraceId } from './envelope.ts'

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/
const SAFE_TRACE_ID = /^[\w.:-]{1,128}$/

/**
 * The trace id of an incoming request: a W3C `traceparent`, else `x-trace-id`, else a new one.
 * Anything malformed is replaced rather than echoed into logs and headers.
 */
export function traceIdFromHeaders(headers: Record<string, string | string[] | undefined>): string {
  const traceparent = headers.traceparent
  if (typeof traceparent === 'string') {
    const match = TRACEPARENT.exec(traceparent.trim().toLowerCase())
    if (match && !/^0+$/.test(match[1]!)) return match[1]!
  }
  const given = headers['x-trace-id']
  if (typeof given === 'string' && SAFE_TRACE_ID.test(given)) return given
  return newTraceId()
}
