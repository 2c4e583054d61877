// purista: the Math service on a broker bridge, validated payload and output (as in the in-process bench).
import { createLogger } from '../../runtime/index.ts'
import { AmqpBridge } from '../../runtime/bridges/amqp.ts'
import { NatsBridge } from '../../runtime/bridges/nats.ts'
import { mathService } from '../math-service.ts'
import { READY } from './measure.ts'

const logger = createLogger({ level: 'error' })
const bridge = process.argv[2] === 'amqp' ? new AmqpBridge({ logger, prefix: 'bench' }) : new NatsBridge({ logger, prefix: 'bench' })
await bridge.start()
await mathService().getInstance(bridge, { logger }).start()
console.log(READY)
process.on('SIGTERM', () => bridge.destroy().then(() => process.exit(0)))
