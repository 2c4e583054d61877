import { afterAll } from 'vitest'
import { createLogger } from '../core/logger.ts'
import { describeBridgeConformance } from '../bridge/conformance.ts'
import { requireBroker } from './broker-env.ts'
import { NatsBridge } from './nats.ts'

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222'
// Subjects and stream of their own, so these tests never meet another app's or another run's.
const prefix = `purista-test-${process.pid}`
const bridge = (servers = url) => new NatsBridge({ servers, prefix, logger: createLogger({ sink: () => {} }) })

if (await requireBroker('NATS', url)) {
  describeBridgeConformance({
    name: 'NatsBridge',
    distributed: true,
    create: () => bridge(),
    broker: { url, defaultPort: 4222, createAt: bridge },
    ofApp: (namespace) => new NatsBridge({ servers: url, prefix: `${prefix}-${namespace}`, logger: createLogger({ sink: () => {} }) }),
  })
  afterAll(async () => {
    for (const b of [bridge(), new NatsBridge({ servers: url, prefix: `${prefix}-first` }), new NatsBridge({ servers: url, prefix: `${prefix}-second` })]) {
      await b.start()
      await b.deleteStream()
      await b.destroy()
    }
  })
}
