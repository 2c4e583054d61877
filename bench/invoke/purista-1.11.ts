import { createRequire } from 'node:module'
import { DefaultEventBridge, ServiceBuilder } from '@purista/core'
import { measureSequential } from './measure.ts'

// @purista/core 1.11 validates with zod 3, which it brings along.
const require = createRequire(require_resolve('@purista/core'))
const { z } = require('zod') as typeof import('zod')
function require_resolve(name: string) {
  return createRequire(import.meta.url).resolve(name)
}

// Its default logger reads LOG_LEVEL; the orchestrator sets it to error so no log line is timed.
const math = new ServiceBuilder({ serviceName: 'Math', serviceVersion: '1', serviceDescription: 'bench' })
const add = math
  .getCommandBuilder('add', 'adds')
  .addPayloadSchema(z.object({ a: z.number(), b: z.number() }))
  .addParameterSchema(z.object({}))
  .addOutputSchema(z.object({ sum: z.number() }))
  .setCommandFunction(async function (_context: unknown, payload: { a: number; b: number }) {
    return { sum: payload.a + payload.b }
  } as any)
math.addCommandDefinition(add.getDefinition())
const bridge = new DefaultEventBridge()
await bridge.start()
const service = await math.getInstance(bridge)
await service.start()

const receiver = { serviceName: 'Math', serviceVersion: '1', serviceTarget: 'add' }
const sender = { serviceName: 'Bench', serviceVersion: '1', serviceTarget: 'bench' }
await measureSequential(
  (i) => bridge.invoke({ receiver, sender, payload: { payload: { a: i, b: 1 }, parameter: {} }, contentType: 'application/json', contentEncoding: 'utf-8' } as any),
  3,
)
process.exit(0)
