// Moleculer with its NATS transporter and its validator: the peer the issue names.
import moleculer from 'moleculer'
import { READY } from './measure.ts'

const broker = new moleculer.ServiceBroker({ nodeID: `server-${process.pid}`, transporter: 'nats://127.0.0.1:4222', logger: false, validator: true, metrics: false, tracing: false })
broker.createService({
  name: 'math',
  actions: { add: { params: { a: 'number', b: 'number' }, handler: (ctx: { params: { a: number; b: number } }) => ({ sum: ctx.params.a + ctx.params.b }) } },
})
await broker.start()
console.log(READY)
process.on('SIGTERM', () => broker.stop().then(() => process.exit(0)))
