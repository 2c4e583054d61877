import type { ContainerGroup } from './groups.ts'

/**
 * Whether a container's durable subscriptions depend on who its instance is. Over MQTT the broker
 * keeps a durable subscription's events in the session of the instance's client id, which the
 * bridge takes from $PURISTA_INSTANCE_ID: an instance that returns under another id never gets
 * them. NATS and RabbitMQ keep them per service (a durable consumer, a durable queue), so any
 * instance picks them up.
 */
export const needsStableInstanceId = (broker: 'nats' | 'amqp' | 'mqtt', group: ContainerGroup): boolean =>
  broker === 'mqtt' && group.services.some((service) => service.subscriptions.some((subscription) => subscription.durable))
