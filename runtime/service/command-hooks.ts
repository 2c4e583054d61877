import type { CommandDefinition, CommandHooks } from '../builders/types.ts'
import type { CommandMessage } from '../core/envelope.ts'
import { StatusCode } from '../core/errors.ts'
import { validate, type StandardSchemaV1 } from '../core/schema.ts'
import type { FunctionContext } from './context.ts'

const check = (schema: StandardSchemaV1 | undefined, value: unknown, what: string, status: StatusCode) => (schema ? validate(schema, value, what, status) : value)

/**
 * A command's run with PURISTA's hooks, in PURISTA's order: transform input (the message validated
 * against the transform's schemas), the command's own input validation, the before guards (together),
 * the function, output validation, the after guards (together), transform output (validated against
 * its schema). What it returns is the answer, and the success event's payload.
 * Only commands that set a hook run this; the others keep command-handler.ts's shorter path.
 */
export function hookedCommand(definition: CommandDefinition, hooks: CommandHooks) {
  const { payloadSchema, parameterSchema, outputSchema, fn } = definition
  const { transformInput, transformOutput } = hooks
  const beforeGuards = Object.values(hooks.beforeGuards)
  const afterGuards = Object.values(hooks.afterGuards)

  return async (context: FunctionContext<CommandMessage>, input: CommandMessage['payload']): Promise<unknown> => {
    let { payload, parameter } = input
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
    if (afterGuards.length) await Promise.all(afterGuards.map((guard) => guard(context, output, safePayload, safeParameter)))
    if (!transformOutput) return output
    return check(transformOutput.schema, await transformOutput.fn(context, output, safeParameter), 'transformed output', StatusCode.InternalServerError)
  }
}
