import { createLogger } from '../../runtime/index.ts'
import { AmqpBridge } from '../../runtime/bridges/amqp.ts'
import { NatsBridge } from '../../runtime/bridges/nats.ts'
import { createCommand } from '../../runtime/service/context.ts'
import { measureRoundTrips } from './measure.ts'

const logger = createLogger({ level: 'error' })
const bridge = process.argv[2] === 'amqp' ? new AmqpBridge({ logger, prefix: 'bench' }) : new NatsBridge({ logger, prefix: 'bench' })
await bridge.start()
const receiver = { serviceName: 'Math', serviceVersion: '1', serviceTarget: 'add' }
const sender = { serviceName: 'Bench', serviceVersion: '1', serviceTarget: 'client' }
const result = await measureRoundTrips((i) => bridge.invoke(createCommand(receiver, sender, { a: i, b: 1 }, {}, { traceId: 'bench' })))
console.log(JSON.stringify(result))
await bridge.destroy()
process.exit(0)
