import { defaultMessage } from '../core/errors.ts'

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
