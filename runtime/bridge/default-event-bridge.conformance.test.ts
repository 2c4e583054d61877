import { createLogger } from '../core/logger.ts'
import { describeBridgeConformance } from './conformance.ts'
import { DefaultEventBridge } from './default-event-bridge.ts'

describeBridgeConformance({
  name: 'DefaultEventBridge',
  distributed: false,
  create: () => new DefaultEventBridge({ logger: createLogger({ sink: () => {} }) }),
})
