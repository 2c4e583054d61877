import { DefaultEventBridge, createLogger } from '../../runtime/index.ts'
import { createCommand } from '../../runtime/service/context.ts'
import { mathService } from '../math-service.ts'
import { measureSequential } from './measure.ts'

const silent = createLogger({ sink: () => {} })
const bridge = new DefaultEventBridge({ logger: silent })
await bridge.start()
await mathService().getInstance(bridge, { logger: silent }).start()

const receiver = { serviceName: 'Math', serviceVersion: '1', serviceTarget: 'add' }
const sender = { serviceName: 'Bench', serviceVersion: '1', serviceTarget: 'bench' }
await measureSequential((i) => bridge.invoke(createCommand(receiver, sender, { a: i, b: 1 }, {}, { traceId: 'bench' })))
