import { DefaultEventBridge, createLogger } from '../../runtime/index.ts'
import { createCommand } from '../../runtime/service/context.ts'
import { mathService } from '../math-service.ts'
import { measureSequential } from '../invoke/measure.ts'

/*
 * The in-process command call of bench/invoke/purista.ts, as a function: this file is also copied
 * into the tree from before tracing (bench/old-tree.ts) and bundled there, so one source measures both.
 */

type Invoke = Pick<DefaultEventBridge, 'invoke'>
const receiver = { serviceName: 'Math', serviceVersion: '1', serviceTarget: 'add' }
const sender = { serviceName: 'Bench', serviceVersion: '1', serviceTarget: 'bench' }

/**
 * Calls Math.add sequentially through `through(bridge)`. Timed rounds print { callsPerSec } (measure.ts);
 * with BENCH_CALLS set it makes exactly that many calls and prints {}, for instruction counts.
 */
export async function benchInvoke(through: (bridge: DefaultEventBridge) => Invoke = (bridge) => bridge) {
  const silent = createLogger({ sink: () => {} })
  const bridge = new DefaultEventBridge({ logger: silent })
  await bridge.start()
  await mathService().getInstance(bridge, { logger: silent }).start()
  const target = through(bridge)
  const call = (i: number) => target.invoke(createCommand(receiver, sender, { a: i, b: 1 }, {}, { traceId: 'bench' }))
  const calls = Number(process.env.BENCH_CALLS ?? 0)
  if (!calls) return measureSequential(call)
  for (let i = 0; i < calls; i++) await call(i)
  console.log('{}')
}
