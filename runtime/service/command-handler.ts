import type { CommandDefinition } from '../builders/types.ts'
import type { Address, CommandMessage } from '../core/envelope.ts'
import { HandledError, StatusCode, UnhandledError } from '../core/errors.ts'
import { validate } from '../core/schema.ts'
import { tracing } from '../tracing/tracing.ts'
import { SETTLES_LOCALLY, type LocalRun, type Settle } from '../bridge/local-calls.ts'
import type { hookedCommand } from './command-hooks.ts'
import { hooksNotBundled } from './hooks-not-bundled.ts'
import { createEvent, declarationsOf, FunctionContext, type ContextDeps } from './context.ts'

// Runs a command apart from any service: a Service registers it on its bridge, a Lambda function calls it directly.

/**
 * Validates payload and parameter, runs the function, validates its output and emits the success event;
 * a command with guards or transforms runs them around its function with `withHooks`
 * (command-hooks.ts's hookedCommand). It is handed in, not imported: a Service always hands it,
 * a serverless function only when its definition sets hooks, so the others do not carry it.
 */
export function commandHandler(definition: CommandDefinition, address: Address, deps: ContextDeps, withHooks?: typeof hookedCommand): (message: CommandMessage) => Promise<unknown> {
  const declarations = declarationsOf(address, definition)
  const { payloadSchema, parameterSchema, outputSchema, successEventName, fn } = definition
  const hooked = definition.hooks && (withHooks ?? hooksNotBundled(address))(definition, definition.hooks)
  /**
   * The output, or for an in-process call (DefaultEventBridge) the call settled with it: then
   * nothing stands between the command and its caller's promise (local-calls.ts).
   */
  const execute = async (message: CommandMessage, call?: Settle): Promise<unknown> => {
    let output: unknown
    try {
      const context = new FunctionContext(message, deps, declarations)
      if (hooked) output = await hooked(context, message.payload)
      else {
        // A synchronous schema's or function's result is used as is: an `await` per step would cost a microtask each.
        let payload = payloadSchema ? validate(payloadSchema, message.payload.payload, 'payload', StatusCode.BadRequest) : message.payload.payload
        if (payload instanceof Promise) payload = await payload
        let parameter = parameterSchema ? validate(parameterSchema, message.payload.parameter, 'parameter', StatusCode.BadRequest) : message.payload.parameter
        if (parameter instanceof Promise) parameter = await parameter
        let result = fn(context, payload, parameter)
        if (isThenable(result)) result = await result
        output = outputSchema ? validate(outputSchema, result, 'output', StatusCode.InternalServerError) : result
        if (output instanceof Promise) output = await output
      }
      if (successEventName) await deps.bridge.emit(createEvent(successEventName, output, address, message, 'commandSuccessResponse'))
    } catch (error) {
      const safe = safeError(error, message.traceId, definition.commandName, deps)
      if (!call) throw safe
      return call.reject(safe)
    }
    return call ? call.resolve(output) : output
  }
  const run = (message: CommandMessage) => execute(message)
  // Traced, a call runs inside its span: through the traced run, as every bridge's.
  if (tracing) return tracing.command(run, address, deps.messagingSystem)
  return Object.assign(run, { [SETTLES_LOCALLY]: execute as LocalRun })
}

/** What `await` would wait for: a promise, or any object with a then method. */
const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | undefined)?.then === 'function'

/** Handled errors travel as they are; anything else is logged here and travels as a bare status. */
function safeError(error: unknown, traceId: string, target: string, deps: ContextDeps): HandledError {
  if (error instanceof HandledError && !(error instanceof UnhandledError)) return error
  tracing?.recordFailure(error)
  deps.logger.error('command failed', { traceId, target, error, ...(error instanceof HandledError && { data: error.data }) })
  return new UnhandledError(error instanceof UnhandledError ? error.errorCode : StatusCode.InternalServerError, undefined, undefined, traceId)
}
