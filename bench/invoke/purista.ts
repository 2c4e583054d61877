import { z } from 'zod'
import { DefaultEventBridge, ServiceBuilder, createLogger } from '../../runtime/index.ts'
import { createCommand } from '../../runtime/service/context.ts'
import { measureSequential } from './measure.ts'

const silent = createLogger({ sink: () => {} })
const math = new ServiceBuilder({ serviceName: 'Math', serviceVersion: '1', serviceDescription: 'bench' })
const add = math
  .getCommandBuilder('add', 'adds')
  .addPayloadSchema(z.object({ a: z.number(), b: z.number() }))
  .addOutputSchema(z.object({ sum: z.number() }))
  .setCommandFunction(async (_context, { a, b }) => ({ sum: a + b }))
math.addCommandDefinition(add.getDefinition())
const bridge = new DefaultEventBridge({ logger: silent })
await bridge.start()
await math.getInstance(bridge, { logger: silent }).start()

const receiver = { serviceName: 'Math', serviceVersion: '1', serviceTarget: 'add' }
const sender = { serviceName: 'Bench', serviceVersion: '1', serviceTarget: 'bench' }
await measureSequential((i) => bridge.invoke(createCommand(receiver, sender, { a: i, b: 1 }, {}, { traceId: 'bench' })).then((r) => (i === 1 ? r : r)))
