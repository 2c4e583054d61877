import { defaultMessage, HandledError, StatusCode, UnhandledError } from '../core/errors.ts'
import type { Logger } from '../core/logger.ts'

/** An RFC 9457 problem document. */
export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  traceId: string
  [extension: string]: unknown
}

export function problem(status: number, traceId: string, detail?: string, extensions?: Record<string, unknown>): Problem {
  return { type: 'about:blank', title: defaultMessage(status), status, ...(detail && { detail }), traceId, ...extensions }
}

/** Raised while reading a request; becomes a problem response. */
export class RequestError extends Error {
  constructor(readonly status: number, message: string) {
    super(message)
  }
}

/** A body over the limit: 413, whoever read it. */
export const bodyTooLarge = (limit: number) => new RequestError(413, `request body exceeds ${limit} bytes`)

/** The problem a failed request answers with: handled errors as they are, anything else a bare status. */
export function toProblem(error: unknown, traceId: string, logger: Logger) {
  if (error instanceof RequestError) return problem(error.status, traceId, error.message)
  if (error instanceof HandledError && !(error instanceof UnhandledError)) {
    const data = error.data as { issues?: unknown } | undefined
    if (error.errorCode === StatusCode.BadRequest && data?.issues) return problem(400, traceId, error.message, { issues: data.issues })
    return problem(error.errorCode, traceId, error.message, error.data === undefined ? undefined : { data: error.data })
  }
  // Details of anything unexpected stay in the log, keyed by the trace id the client receives.
  if (!(error instanceof UnhandledError)) logger.error('request failed', { traceId, error })
  const status = error instanceof UnhandledError && error.errorCode >= 500 ? error.errorCode : 500
  return problem(status, traceId)
}
