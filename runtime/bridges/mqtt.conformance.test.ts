import { createLogger } from '../core/logger.ts'
import { describeBridgeConformance } from '../bridge/conformance.ts'
import { requireBroker } from './broker-env.ts'
import { MqttBridge } from './mqtt.ts'

const url = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883'
// Topics of their own, so these tests never meet another app's or another run's.
const prefix = `purista-test-${process.pid}`
const bridge = (options: { url?: string; instance?: string } = {}) =>
  new MqttBridge({ url: options.url ?? url, prefix, clientId: options.instance && `${prefix}-${options.instance}`, logger: createLogger({ sink: () => {} }), sessionExpirySeconds: 60 })

if (await requireBroker('Mosquitto', url)) {
  describeBridgeConformance({
    name: 'MqttBridge',
    distributed: true,
    async connect(instance) {
      const b = bridge({ instance })
      await b.start()
      return b
    },
    broker: {
      host: new URL(url).hostname,
      port: Number(new URL(url).port || 1883),
      async connectThrough(port) {
        const b = bridge({ url: `mqtt://127.0.0.1:${port}` })
        await b.start()
        return b
      },
    },
  })
}
