import { createLogger } from '../core/logger.ts'
import { describeBridgeConformance } from '../bridge/conformance.ts'
import { requireBroker } from './broker-env.ts'
import { MqttBridge } from './mqtt.ts'

const url = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883'
// Topics of their own, so these tests never meet another app's or another run's.
const prefix = `purista-test-${process.pid}`
const bridge = (at: string, instance?: string) =>
  new MqttBridge({ url: at, prefix, clientId: instance, logger: createLogger({ sink: () => {} }), sessionExpirySeconds: 60 })

if (await requireBroker('Mosquitto', url)) {
  describeBridgeConformance({
    name: 'MqttBridge',
    distributed: true,
    create: (instance) => bridge(url, instance),
    broker: { url, defaultPort: 1883, createAt: (at) => bridge(at) },
    ofApp: (namespace) => new MqttBridge({ url, prefix: `${prefix}-${namespace}`, logger: createLogger({ sink: () => {} }) }),
  })
}
