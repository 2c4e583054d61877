import { StatusCode } from '../core/errors.ts'
import { validate, type StandardSchemaV1 } from '../core/schema.ts'
import type { FunctionContext } from './context.ts'

const check = (schema: StandardSchemaV1 | undefined, value: unknown, what: string, status: StatusCode) => (schema ? validate(schema, value, what, status) : value)

/** What a command or a subscription runs, as its definition has it. */
export interface RunParts {
  payloadSchema?: StandardSchemaV1
  parameterSchema?: StandardSchemaV1
  outputSchema?: StandardSchemaV1
  fn: (context: any, payload: any, parameter: any) => Promise<unknown> | unknown
}

/** The hooks of commands and subscriptions alike; only the after guards' arguments differ, so they come as one call. */
export interface RunHooks {
  transformInput?: { payloadSchema: StandardSchemaV1; parameterSchema: StandardSchemaV1; fn: (context: any, payload: any, parameter: any) => Promise<{ payload: unknown; parameter: unknown }> }
  beforeGuards: Record<string, (context: any, payload: any, parameter: any) => Promise<void> | void>
  /** Runs the after guards together, each with the arguments its kind gets. */
  afterGuards?: (context: FunctionContext<any>, output: unknown, payload: unknown, parameter: unknown) => Promise<unknown>
  transformOutput?: { schema: StandardSchemaV1; fn: (context: any, output: any, parameter: any) => Promise<unknown> | unknown }
}

/**
 * A run with PURISTA's hooks, in PURISTA's order: transform input (the message validated against the
 * transform's schemas), the input validation, the before guards (together), the function, output
 * validation, the after guards (together), transform output (validated against its schema). What it
 * returns is a command's answer and success event, or a subscription's output event.
 */
export function hookedRun(parts: RunParts, hooks: RunHooks) {
  const { payloadSchema, parameterSchema, outputSchema, fn } = parts
  const { transformInput, afterGuards, transformOutput } = hooks
  const beforeGuards = Object.values(hooks.beforeGuards)

  return async (context: FunctionContext<any>, messagePayload: unknown, messageParameter: unknown): Promise<unknown> => {
    let [payload, parameter] = [messagePayload, messageParameter]
    if (transformInput) {
      const [rawPayload, rawParameter] = await Promise.all([
        check(transformInput.payloadSchema, payload, 'payload', StatusCode.BadRequest),
        check(transformInput.parameterSchema, parameter, 'parameter', StatusCode.BadRequest),
      ])
      ;({ payload, parameter } = await transformInput.fn(context, rawPayload, rawParameter))
    }
    const [safePayload, safeParameter] = await Promise.all([
      check(payloadSchema, payload, 'payload', StatusCode.BadRequest),
      check(parameterSchema, parameter, 'parameter', StatusCode.BadRequest),
    ])
    if (beforeGuards.length) await Promise.all(beforeGuards.map((guard) => guard(context, safePayload, safeParameter)))
    const output = await check(outputSchema, await fn(context, safePayload, safeParameter), 'output', StatusCode.InternalServerError)
    if (afterGuards) await afterGuards(context, output, safePayload, safeParameter)
    if (!transformOutput) return output
    return check(transformOutput.schema, await transformOutput.fn(context, output, safeParameter), 'transformed output', StatusCode.InternalServerError)
  }
}
