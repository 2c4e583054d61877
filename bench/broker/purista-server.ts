// purista: the Math service on a broker bridge, validated payload and output (as in the in-process bench).
import { z } from 'zod'
import { ServiceBuilder, createLogger } from '../../runtime/index.ts'
import { AmqpBridge } from '../../runtime/bridges/amqp.ts'
import { NatsBridge } from '../../runtime/bridges/nats.ts'
import { READY } from './measure.ts'

const logger = createLogger({ level: 'error' })
const math = new ServiceBuilder({ serviceName: 'Math', serviceVersion: '1', serviceDescription: 'bench' })
const add = math
  .getCommandBuilder('add', 'adds')
  .addPayloadSchema(z.object({ a: z.number(), b: z.number() }))
  .addOutputSchema(z.object({ sum: z.number() }))
  .setCommandFunction(async (_context, { a, b }) => ({ sum: a + b }))
math.addCommandDefinition(add.getDefinition())
const bridge = process.argv[2] === 'amqp' ? new AmqpBridge({ logger, prefix: 'bench' }) : new NatsBridge({ logger, prefix: 'bench' })
await bridge.start()
await math.getInstance(bridge, { logger }).start()
console.log(READY)
process.on('SIGTERM', () => bridge.destroy().then(() => process.exit(0)))
