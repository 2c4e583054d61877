import { connect as connectAmqp } from 'amqplib'
import { connectAsync as connectMqtt } from 'mqtt'
import { connect as connectNats } from 'nats'
import { afterAll, describe, expect, test } from 'vitest'
import type { EventMessage } from '../core/envelope.ts'
import { createLogger } from '../core/logger.ts'
import { AmqpBridge } from './amqp.ts'
import { requireBroker } from './broker-env.ts'
import { MqttBridge } from './mqtt.ts'
import { NatsBridge } from './nats.ts'

/**
 * A traced event carries its span context in the broker's own headers too, written from the
 * envelope's otp; an untraced one carries none. Read here by a plain client of each broker, as a
 * tool watching the broker would.
 */

const prefix = `tracehdr${process.pid}`
const logger = createLogger({ sink: () => {} })
const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
const tracestate = 'vendor=1'

const event = (otp?: string): EventMessage =>
  ({ messageType: 'customMessage', eventName: 'traced', id: crypto.randomUUID(), traceId: '0af7651916cd43dd8448eb211c80319c', correlationId: 'c', timestamp: Date.now(), sender: { serviceName: 'S', serviceVersion: '1', serviceTarget: 't' }, payload: {}, ...(otp && { otp }) }) as EventMessage

/** Emits a traced and an untraced event and answers the headers each arrived with, in order. */
async function headersOfTwoEvents(bridge: { emit(e: EventMessage): Promise<void> }, received: () => (Record<string, unknown> | undefined)[]) {
  await bridge.emit(event(JSON.stringify({ traceparent, tracestate })))
  await bridge.emit(event())
  await expect.poll(() => received().length).toBe(2)
  return received()
}

const cleanUp: (() => Promise<unknown>)[] = []
afterAll(async () => {
  for (const step of cleanUp.reverse()) await step()
})

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222'
describe.runIf(await requireBroker('NATS', natsUrl))('NATS', () => {
  test('headers traceparent and tracestate', async () => {
    const bridge = new NatsBridge({ servers: natsUrl, prefix, logger })
    await bridge.start()
    cleanUp.push(async () => (await bridge.deleteStream(), await bridge.destroy()))
    const watcher = await connectNats({ servers: natsUrl })
    cleanUp.push(() => watcher.close())
    const received: (Record<string, unknown> | undefined)[] = []
    watcher.subscribe(`${prefix}.event.traced`, { callback: (_, message) => received.push(message.headers && Object.fromEntries([...message.headers].map(([name, values]) => [name, values[0]]))) })
    await watcher.flush()
    expect(await headersOfTwoEvents(bridge, () => received)).toEqual([{ traceparent, tracestate }, undefined])
  })
})

const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'
describe.runIf(await requireBroker('RabbitMQ', amqpUrl))('RabbitMQ', () => {
  test('headers traceparent and tracestate', async () => {
    const bridge = new AmqpBridge({ url: amqpUrl, prefix, logger })
    await bridge.start()
    cleanUp.push(() => bridge.destroy())
    const watcher = await connectAmqp(amqpUrl)
    cleanUp.push(() => watcher.close())
    const channel = await watcher.createChannel()
    const { queue } = await channel.assertQueue('', { exclusive: true })
    await channel.bindQueue(queue, `${prefix}.events`, 'traced')
    const received: (Record<string, unknown> | undefined)[] = []
    await channel.consume(queue, (message) => message && received.push(message.properties.headers), { noAck: true })
    const [traced, untraced] = await headersOfTwoEvents(bridge, () => received)
    expect(traced).toEqual({ traceparent, tracestate })
    expect(untraced ?? {}).toEqual({})
  })
})

const mqttUrl = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883'
describe.runIf(await requireBroker('MQTT', mqttUrl))('MQTT 5', () => {
  test('user properties traceparent and tracestate', async () => {
    const bridge = new MqttBridge({ url: mqttUrl, prefix, logger })
    await bridge.start()
    cleanUp.push(() => bridge.destroy())
    const watcher = await connectMqtt(mqttUrl, { protocolVersion: 5 })
    cleanUp.push(() => watcher.endAsync())
    const received: (Record<string, unknown> | undefined)[] = []
    watcher.on('message', (_topic, _payload, packet) => received.push(packet.properties?.userProperties))
    await watcher.subscribeAsync(`${prefix}/event/traced`, { qos: 1 })
    expect(await headersOfTwoEvents(bridge, () => received)).toEqual([{ traceparent, tracestate }, undefined])
  })
})
