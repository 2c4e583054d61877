import type { SubscriptionDefinition, SubscriptionHooks } from '../builders/types.ts'
import type { EventMessage } from '../core/envelope.ts'
import type { FunctionContext } from './context.ts'
import { hookedRun } from './hooked-run.ts'

/**
 * A subscription's run with PURISTA's hooks (hooked-run.ts), as a command's: an after guard gets the
 * output and the parameter, as PURISTA calls a subscription's. A guard that throws fails the run, so
 * the event is retried or dead-lettered as the bridge does for any failure. Only subscriptions that
 * set a hook run this; the others keep subscription-handler.ts's shorter path.
 */
export function hookedSubscription(definition: SubscriptionDefinition, hooks: SubscriptionHooks) {
  const afterGuards = Object.values(hooks.afterGuards)
  const run = hookedRun(definition, {
    ...hooks,
    afterGuards: afterGuards.length ? (context, output, _payload, parameter) => Promise.all(afterGuards.map((guard) => guard(context, output, parameter))) : undefined,
  })
  // Events carry no parameter: the function gets an empty one, as without hooks.
  return (context: FunctionContext<EventMessage>, payload: EventMessage['payload']): Promise<unknown> => run(context, payload, {})
}
