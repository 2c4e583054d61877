import { connect, type NatsConnection } from 'nats'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { ServiceBuilder } from '../builders/service-builder.ts'
import { createLogger } from '../core/logger.ts'
import type { Service } from '../service/service.ts'
import { createCommand } from '../service/context.ts'
import { requireBroker } from './broker-env.ts'
import { NatsBridge } from './nats.ts'

// A purista caller sends its answers to one subject per bridge; these show that plain NATS peers,
// which know nothing of that, still talk to purista both ways.

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222'
const prefix = `purista-nats-test-${process.pid}`
const logger = createLogger({ sink: () => {} })
const address = { serviceName: 'Math', serviceVersion: '1', serviceTarget: 'add' }
const subject = `${prefix}.command.Math.1.add`

if (await requireBroker('NATS', url)) {
  describe('NatsBridge with plain NATS peers', () => {
    let plain: NatsConnection
    const started: { stop(): Promise<void> }[] = []
    beforeAll(async () => {
      plain = await connect({ servers: url })
    })
    afterEach(async () => {
      for (const s of started.splice(0)) await s.stop()
    })
    afterAll(async () => {
      const bridge = new NatsBridge({ servers: url, prefix, logger })
      await bridge.start()
      await bridge.deleteStream()
      await bridge.destroy()
      await plain.close()
    })

    test('a plain nats.js request() gets the answer of a purista command', async () => {
      const math = new ServiceBuilder({ serviceName: 'Math', serviceVersion: '1', serviceDescription: 'adds' })
      const add = math
        .getCommandBuilder('add', 'adds')
        .addPayloadSchema(z.object({ a: z.number(), b: z.number() }))
        .setCommandFunction(async (_context, { a, b }) => ({ sum: a + b }))
      const bridge = new NatsBridge({ servers: url, prefix, logger })
      await bridge.start()
      const service: Service = math.addCommandDefinition(add.getDefinition()).getInstance(bridge, { logger })
      await service.start()
      started.push({ stop: () => service.destroy().then(() => bridge.destroy()) })

      const command = createCommand(address, { serviceName: 'Plain', serviceVersion: '1', serviceTarget: 'nats' }, { a: 2, b: 3 }, {}, { traceId: 'trace-plain' })
      const answer = await plain.request(subject, Buffer.from(JSON.stringify(command)), { timeout: 5_000 })
      expect(JSON.parse(Buffer.from(answer.data).toString())).toMatchObject({ messageType: 'commandSuccessResponse', correlationId: command.correlationId, traceId: 'trace-plain', payload: { sum: 5 } })
    })

    test('a purista call gets the answer of a plain responder that answers on the reply subject', async () => {
      const responder = plain.subscribe(subject, {
        callback: (_error, message) => {
          const command = JSON.parse(Buffer.from(message.data).toString())
          message.respond(Buffer.from(JSON.stringify({ id: 'r1', timestamp: 0, messageType: 'commandSuccessResponse', traceId: command.traceId, correlationId: command.correlationId, payload: { sum: 42 } })))
        },
      })
      started.push({ stop: async () => responder.unsubscribe() })
      const bridge = new NatsBridge({ servers: url, prefix, logger })
      await bridge.start()
      started.push({ stop: () => bridge.destroy() })
      await plain.flush()

      const caller = { serviceName: 'Caller', serviceVersion: '1', serviceTarget: 'test' }
      await expect(bridge.invoke(createCommand(address, caller, { a: 1, b: 1 }, {}, { traceId: 't' }), 5_000)).resolves.toEqual({ sum: 42 })
    })
  })
}
