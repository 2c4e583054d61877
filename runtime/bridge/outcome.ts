import type { CommandResponse } from '../core/envelope.ts'
import { HandledError, UnhandledError } from '../core/errors.ts'

// Apart from wire.ts: a function that only answers commands (Lambda) does not carry the caller's side.

/** The caller's side: the output, or the error the command failed with. */
export function outcome(response: CommandResponse): unknown {
  if (response.messageType === 'commandSuccessResponse') return response.payload
  const { status, message, data } = response.payload
  throw status >= 500 ? new UnhandledError(status, message, data, response.traceId) : new HandledError(status, message, data, response.traceId)
}
