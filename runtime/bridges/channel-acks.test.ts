import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { requireBroker } from './broker-env.ts'
import { ChannelAcks } from './channel-acks.ts'

const url = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'
const jobsRan = () => new Promise((resolve) => setImmediate(resolve))

if (await requireBroker('RabbitMQ', url)) {
  describe('ChannelAcks on RabbitMQ', () => {
    let connection: ChannelModel
    let admin: Channel
    let run = 0
    beforeAll(async () => {
      connection = await amqp.connect(url)
      admin = await connection.createChannel()
    })
    afterAll(() => connection.close())

    /** n messages delivered to a channel of their own, not yet settled; `left()` closes it and counts what the broker kept. */
    async function deliveries(n: number) {
      const queue = `purista-acks-test-${process.pid}-${run++}`
      await admin.assertQueue(queue, { durable: false, autoDelete: false })
      for (let i = 1; i <= n; i++) admin.sendToQueue(queue, Buffer.from(String(i)))
      const channel = await connection.createChannel()
      const acks: { tag: number; multiple: boolean }[] = []
      const ack = channel.ack.bind(channel)
      channel.ack = (message, multiple = false) => (acks.push({ tag: message.fields.deliveryTag, multiple }), ack(message, multiple))
      const messages: ConsumeMessage[] = []
      await channel.consume(queue, (message) => message && messages.push(message))
      while (messages.length < n) await new Promise((r) => setTimeout(r, 5))
      const left = async () => {
        await channel.close()
        const { messageCount } = await admin.checkQueue(queue)
        await admin.deleteQueue(queue)
        return messageCount
      }
      return { settle: new ChannelAcks(channel), messages, acks, left }
    }

    test('deliveries finished together are acknowledged by one multiple ack, once the queued promise jobs ran', async () => {
      const { settle, messages, acks, left } = await deliveries(5)
      for (const message of messages) settle.ack(message)
      expect(acks).toEqual([])
      await jobsRan()
      expect(acks).toEqual([{ tag: 5, multiple: true }])
      expect(await left()).toBe(0)
    })

    test('nothing unfinished is acknowledged, and a delivery still running holds back no later one', async () => {
      const { settle, messages, acks, left } = await deliveries(5)
      const [first, second, third, , fifth] = messages
      settle.ack(second!)
      settle.ack(third!)
      settle.ack(fifth!)
      await jobsRan()
      expect(acks).toEqual([2, 3, 5].map((tag) => ({ tag, multiple: false })))
      settle.ack(first!)
      await jobsRan()
      expect(acks.at(-1)).toEqual({ tag: 1, multiple: true })
      expect(await left()).toBe(1) // the fourth, never finished, is offered again
    })

    test('a nack goes out at once and counts as settled for the acks after it', async () => {
      const { settle, messages, acks, left } = await deliveries(3)
      settle.nack(messages[0]!, false)
      settle.ack(messages[1]!)
      settle.ack(messages[2]!)
      await jobsRan()
      expect(acks).toEqual([{ tag: 3, multiple: true }])
      expect(await left()).toBe(0)
    })

    test('flush sends waiting acks at once, as before a channel closes', async () => {
      const { settle, messages, acks, left } = await deliveries(2)
      settle.ack(messages[0]!)
      settle.ack(messages[1]!)
      settle.flush()
      expect(acks).toEqual([{ tag: 2, multiple: true }])
      expect(await left()).toBe(0)
    })
  })
}
