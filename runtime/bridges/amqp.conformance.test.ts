import { afterAll } from 'vitest'
import amqp from 'amqplib'
import { createLogger } from '../core/logger.ts'
import { describeBridgeConformance } from '../bridge/conformance.ts'
import { requireBroker } from './broker-env.ts'
import { AmqpBridge } from './amqp.ts'

const url = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'
// Exchange and queues of their own, so these tests never meet another app's or another run's.
const prefix = `purista-test-${process.pid}`

if (await requireBroker('RabbitMQ', url)) {
  describeBridgeConformance({
    name: 'AmqpBridge',
    distributed: true,
    create: () => new AmqpBridge({ url, prefix, logger: createLogger({ sink: () => {} }) }),
    broker: { url, defaultPort: 5672, createAt: (at) => new AmqpBridge({ url: at, prefix, logger: createLogger({ sink: () => {} }), reconnectDelayMs: 200 }) },
    ofApp: (namespace) => new AmqpBridge({ url, prefix: `${prefix}-${namespace}`, logger: createLogger({ sink: () => {} }) }),
  })
  afterAll(async () => {
    const connection = await amqp.connect(url)
    const channel = await connection.createChannel()
    for (const queue of ['Ledger', 'Audit', 'AuditA', 'AuditB', 'Autoack']) await channel.deleteQueue(`${prefix}.subscription.${queue}.1.onAdded`)
    await channel.deleteExchange(`${prefix}.events`)
    for (const app of [`${prefix}-first`, `${prefix}-second`]) {
      await channel.deleteQueue(`${app}.subscription.Audit.1.onAdded`)
      await channel.deleteExchange(`${app}.events`)
    }
    await connection.close()
  })
}
