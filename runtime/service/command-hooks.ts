import type { CommandDefinition, CommandHooks } from '../builders/types.ts'
import type { CommandMessage } from '../core/envelope.ts'
import type { FunctionContext } from './context.ts'
import { hookedRun } from './hooked-run.ts'

/**
 * A command's run with PURISTA's hooks (hooked-run.ts); an after guard gets the output, the payload
 * and the parameter. Only commands that set a hook run this; the others keep command-handler.ts's
 * shorter path.
 */
export function hookedCommand(definition: CommandDefinition, hooks: CommandHooks) {
  const afterGuards = Object.values(hooks.afterGuards)
  const run = hookedRun(definition, {
    ...hooks,
    afterGuards: afterGuards.length ? (context, output, payload, parameter) => Promise.all(afterGuards.map((guard) => guard(context, output, payload, parameter))) : undefined,
  })
  return (context: FunctionContext<CommandMessage>, input: CommandMessage['payload']): Promise<unknown> => run(context, input.payload, input.parameter)
}
