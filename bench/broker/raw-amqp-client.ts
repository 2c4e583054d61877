import amqp from 'amqplib'
import { measureRoundTrips } from './measure.ts'

const connection = await amqp.connect('amqp://guest:guest@127.0.0.1:5672', { noDelay: true })
const channel = await connection.createChannel()
const pending = new Map<string, (value: unknown) => void>()
await channel.consume('amq.rabbitmq.reply-to', (message) => message && pending.get(message.properties.correlationId)?.(JSON.parse(message.content.toString())), { noAck: true })
let next = 0
const call = (i: number) =>
  new Promise((resolve) => {
    const id = String(next++)
    pending.set(id, (value) => (pending.delete(id), resolve(value)))
    channel.sendToQueue('bench.raw.add', Buffer.from(JSON.stringify({ a: i, b: 1 })), { replyTo: 'amq.rabbitmq.reply-to', correlationId: id })
  })
const result = await measureRoundTrips(call)
console.log(JSON.stringify(result))
await connection.close()
process.exit(0)
