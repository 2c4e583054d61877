import type { CommandMessage, CommandResponse } from '../core/envelope.ts'
import { newId } from '../core/envelope.ts'
import { HandledError, StatusCode, UnhandledError } from '../core/errors.ts'
import type { CommandHandler } from './types.ts'

/** Runs a command arriving over a wire and wraps its outcome in the response envelope. */
export async function respond(command: CommandMessage, handler: CommandHandler): Promise<CommandResponse> {
  try {
    return response(command, 'commandSuccessResponse', await handler(command))
  } catch (error) {
    // The service already reduced unexpected errors to a bare status; this guards handlers that did not.
    const safe = error instanceof HandledError ? error : new UnhandledError(StatusCode.InternalServerError)
    return response(command, 'commandErrorResponse', safe.toJSON())
  }
}

// One object literal, not a spread of shared fields: V8 builds a spread object field by field, and
// JSON.stringify is slower on what it builds (3 µs more a call on a broker's hot path).
const response = (command: CommandMessage, messageType: CommandResponse['messageType'], payload: unknown) =>
  ({ id: newId(), timestamp: Date.now(), messageType, traceId: command.traceId, correlationId: command.correlationId, payload }) as CommandResponse // messageType and payload come in pairs
