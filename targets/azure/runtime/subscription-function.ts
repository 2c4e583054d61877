import { app } from '@azure/functions'
import { decode } from '../../../runtime/bridge/wire.ts'
import type { ServiceBuilderBase } from '../../../runtime/builders/service-builder-base.ts'
import type { SubscriptionDefinition } from '../../../runtime/builders/types.ts'
import type { EventMessage } from '../../../runtime/core/envelope.ts'
import { bindStandalone } from '../../../runtime/service/standalone-this.ts'
import { subscriptionHandler } from '../../../runtime/service/subscription-handler.ts'
import { definitionOf, servingInvocations, setUp, type Exported, type FunctionOptions, type FunctionParts } from './function.ts'
import { SERVICE_BUS_CONNECTION } from './names.ts'

/** What the build decided for this subscription's function (the infrastructure creates the same topic subscription). */
export interface SubscriptionRegistration {
  name: string
  topic: string
  subscription: string
}

/** The body as the trigger hands it over: parsed JSON already, or the bytes or text of it. */
const envelopeOf = (body: unknown): EventMessage => (Buffer.isBuffer(body) || typeof body === 'string' ? decode<EventMessage>(body) : (body as EventMessage))

/**
 * A subscription's function on its topic subscription, whose SQL filter lets only its events through.
 * A failure throws: Service Bus delivers the message again and dead-letters it after maxDeliveryCount.
 */
export function subscriptionFunction(builder: ServiceBuilderBase, exported: Exported<SubscriptionDefinition>, options: FunctionOptions, parts: FunctionParts, registration: SubscriptionRegistration): void {
  const definition = definitionOf(exported)
  const { address, deps } = setUp(builder, definition.subscriptionName, options, parts)
  const run = subscriptionHandler(bindStandalone(definition, builder, deps.logger, options.serviceConfig?.[builder.info.serviceName], parts.mapHooks), address, deps, parts.hookedSubscription, parts.eventMatcher)
  app.serviceBusTopic(registration.name, {
    connection: SERVICE_BUS_CONNECTION,
    topicName: registration.topic,
    subscriptionName: registration.subscription,
    cardinality: 'one',
    handler: servingInvocations('pubsub', (message: unknown) => run(envelopeOf(message))),
  })
}
