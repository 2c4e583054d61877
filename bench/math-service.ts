import { z } from 'zod'
import { ServiceBuilder } from '../runtime/index.ts'

/** The command every purista benchmark calls: payload and output validated, as the peers' are. */
export function mathService() {
  const math = new ServiceBuilder({ serviceName: 'Math', serviceVersion: '1', serviceDescription: 'bench' })
  const add = math
    .getCommandBuilder('add', 'adds')
    .addPayloadSchema(z.object({ a: z.number(), b: z.number() }))
    .addOutputSchema(z.object({ sum: z.number() }))
    .setCommandFunction(async (_context, { a, b }) => ({ sum: a + b }))
  return math.addCommandDefinition(add.getDefinition())
}
