// Plain amqplib: a queue, answers to replyTo; the floor for RabbitMQ.
import amqp from 'amqplib'
import { READY } from './measure.ts'

const connection = await amqp.connect('amqp://guest:guest@127.0.0.1:5672', { noDelay: true })
const channel = await connection.createChannel()
await channel.prefetch(64)
await channel.assertQueue('bench.raw.add', { durable: false, autoDelete: true })
await channel.consume('bench.raw.add', (message) => {
  if (!message) return
  const { a, b } = JSON.parse(message.content.toString())
  channel.sendToQueue(message.properties.replyTo, Buffer.from(JSON.stringify({ sum: a + b })), { correlationId: message.properties.correlationId })
  channel.ack(message)
})
console.log(READY)
process.on('SIGTERM', () => connection.close().then(() => process.exit(0)))
