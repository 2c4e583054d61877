import type { EventBridgeEvent } from 'aws-lambda'
import type { AppOptions } from '../../../runtime/app/app-options.ts'
import type { ServiceBuilderBase } from '../../../runtime/builders/service-builder-base.ts'
import type { SubscriptionDefinition } from '../../../runtime/builders/types.ts'
import { describeAddress, type EventMessage } from '../../../runtime/core/envelope.ts'
import { subscriptionHandler } from '../../../runtime/service/subscription-handler.ts'
import { bindStandalone } from '../../../runtime/service/standalone-this.ts'
import { definitionOf, servingInvocations, setUp, type Exported, type FunctionParts, type LambdaHandler } from './function.ts'

const isEventBridgeEvent = (event: unknown): event is EventBridgeEvent<string, EventMessage> =>
  typeof (event as EventBridgeEvent<string, unknown>)?.['detail-type'] === 'string' && typeof (event as EventBridgeEvent<string, EventMessage>).detail?.messageType === 'string'

/**
 * A subscription's function: EventBridge delivers the event, the detail is the purista envelope.
 * A failure throws, so EventBridge retries and finally moves the event to the dead-letter queue.
 */
export function subscriptionFunction(builder: ServiceBuilderBase, exported: Exported<SubscriptionDefinition>, options: AppOptions, parts: FunctionParts): LambdaHandler {
  const definition = definitionOf(exported)
  const { address, deps, settled } = setUp(builder, definition.subscriptionName, options, parts)
  const run = subscriptionHandler(bindStandalone(definition, builder, deps.logger, options.serviceConfig?.[builder.info.serviceName], parts.mapHooks), address, deps, parts.hookedSubscription, parts.eventMatcher)
  const handler: LambdaHandler = async (event) => {
    if (!isEventBridgeEvent(event)) throw new Error(`${describeAddress(address)} expects an EventBridge event whose detail is a purista event`)
    try {
      await run(event.detail)
    } finally {
      await settled()
    }
  }
  return servingInvocations(handler, () => 'pubsub')
}
