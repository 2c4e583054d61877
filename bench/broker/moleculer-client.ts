import moleculer from 'moleculer'
import { measureRoundTrips } from './measure.ts'

const broker = new moleculer.ServiceBroker({ nodeID: `client-${process.pid}`, transporter: 'nats://127.0.0.1:4222', logger: false, metrics: false, tracing: false })
await broker.start()
await broker.waitForServices('math')
const result = await measureRoundTrips((i) => broker.call('math.add', { a: i, b: 1 }))
console.log(JSON.stringify(result))
await broker.stop()
process.exit(0)
