import type { SubscriptionDefinition } from '../builders/types.ts'
import { describeAddress, type Address, type EventMessage } from '../core/envelope.ts'
import { StatusCode } from '../core/errors.ts'
import { validate } from '../core/schema.ts'
import { tracing } from '../tracing/tracing.ts'
import { createEvent, declarationsOf, FunctionContext, type ContextDeps } from './context.ts'
import type { eventMatcher } from './subscription-filter.ts'
import type { hookedSubscription } from './subscription-hooks.ts'
import { hooksNotBundled } from './hooks-not-bundled.ts'

// Runs a subscription apart from any service: a Service registers it on its bridge, a Lambda function calls it directly.

/**
 * Skips the events the subscription's filters exclude, validates the payload, runs the function
 * (with its guards and transforms, by `withHooks`: subscription-hooks.ts's hookedSubscription, handed
 * in as command-handler.ts's is), and emits its output event if it has one. Filters apply here, the
 * same on every bridge: an event filtered out is settled like a handled one, since it was never
 * this subscription's. Their matcher (subscription-filter.ts's eventMatcher) is handed in too: a
 * Service always hands it, a serverless function only when its definition sets filters.
 */
export function subscriptionHandler(
  definition: SubscriptionDefinition,
  address: Address,
  deps: ContextDeps,
  withHooks?: typeof hookedSubscription,
  matcherOf: typeof eventMatcher = (filter) => (filter && Object.keys(filter).length ? filtersNotBundled(address) : undefined),
): (message: EventMessage) => Promise<void> {
  const declarations = declarationsOf(address, definition)
  const { payloadSchema, parameterSchema, outputSchema, outputEventName, fn } = definition
  const matches = matcherOf(definition.filter)
  const hooked = definition.hooks && (withHooks ?? hooksNotBundled(address))(definition, definition.hooks)
  const run = async (message: EventMessage): Promise<void> => {
    if (matches && !matches(message)) return
    const context = new FunctionContext(message, deps, declarations)
    const output = hooked ? await hooked(context, message.payload) : await validatedRun(context, message)
    if (outputEventName) await deps.bridge.emit(createEvent(outputEventName, output, address, message, 'customMessage'))
  }
  const validatedRun = async (context: FunctionContext<EventMessage>, message: EventMessage): Promise<unknown> => {
    let payload = payloadSchema ? validate(payloadSchema, message.payload, 'payload', StatusCode.BadRequest) : message.payload
    if (payload instanceof Promise) payload = await payload
    const parameter = parameterSchema ? await validate(parameterSchema, {}, 'parameter', StatusCode.BadRequest) : {}
    const result = await fn(context, payload, parameter)
    return outputEventName && outputSchema ? validate(outputSchema, result, 'output', StatusCode.InternalServerError) : result
  }
  return tracing ? tracing.subscription(run, address, definition.eventName, deps.messagingSystem) : run
}

/** As hooksNotBundled, for a subscription's filters: a build bundles their matcher into every function whose definition it saw setting one. */
const filtersNotBundled = (address: Address): never => {
  throw new Error(`${describeAddress(address)} filters the events it receives, but was built without the code that matches them: rebuild it with purista build`)
}
