// Plain nats.js request/reply with JSON: no envelope, no validation; the floor for NATS.
import { connect } from 'nats'
import { READY } from './measure.ts'

const nc = await connect({ servers: 'nats://127.0.0.1:4222' })
nc.subscribe('bench.raw.add', {
  queue: 'raw',
  callback: (_error, message) => {
    const { a, b } = JSON.parse(Buffer.from(message.data).toString())
    message.respond(Buffer.from(JSON.stringify({ sum: a + b })))
  },
})
await nc.flush()
console.log(READY)
process.on('SIGTERM', () => nc.drain().then(() => process.exit(0)))
