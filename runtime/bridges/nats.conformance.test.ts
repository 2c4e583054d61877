import { afterAll } from 'vitest'
import { createLogger } from '../core/logger.ts'
import { describeBridgeConformance } from '../bridge/conformance.ts'
import { requireBroker } from './broker-env.ts'
import { NatsBridge } from './nats.ts'

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222'
// Subjects and stream of their own, so these tests never meet another app's or another run's.
const prefix = `purista-test-${process.pid}`
const bridge = () => new NatsBridge({ servers: url, prefix, logger: createLogger({ sink: () => {} }) })

if (await requireBroker('NATS', url)) {
  describeBridgeConformance({
    name: 'NatsBridge',
    distributed: true,
    async connect() {
      const b = bridge()
      await b.start()
      return b
    },
    broker: {
      host: new URL(url).hostname,
      port: Number(new URL(url).port || 4222),
      async connectThrough(port) {
        const b = new NatsBridge({ servers: `nats://127.0.0.1:${port}`, prefix, logger: createLogger({ sink: () => {} }) })
        await b.start()
        return b
      },
    },
  })
  afterAll(async () => {
    const b = bridge()
    await b.start()
    await b.deleteStream()
    await b.destroy()
  })
}
