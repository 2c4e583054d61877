import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mqtt from 'mqtt'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'
import { build } from '../../cli/build.ts'
import { REPO, startBundle, type RunningProcess } from '../../e2e/helpers.ts'
import { requireBroker } from '../../runtime/bridges/broker-env.ts'
import { MqttBridge } from '../../runtime/bridges/mqtt.ts'
import { createLogger } from '../../runtime/core/logger.ts'
import { createCommand } from '../../runtime/service/context.ts'

const NAMESPACE = 'user-email-identity-test'
const broker = { MQTT_URL: process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }
const outDir = mkdtempSync(join(tmpdir(), 'purista-identity-'))
const out = join(outDir, 'containers')

/** A compose service's environment as `docker-compose up` gives it, with `from` as the environment compose runs in. */
const resolve = (environment: Record<string, string>, from: Record<string, string>) =>
  Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, value.replace(/\$\{(\w+):-([^}]*)\}/g, (_, variable: string, fallback: string) => from[variable] ?? fallback)]))

describe('containers target on MQTT: each durable subscriber has a stable instance id', () => {
  let compose: { services: Record<string, { environment: Record<string, string> }> }
  beforeAll(async () => {
    const report = await build({ configPath: join(REPO, 'fixtures/user-email/purista.mqtt-identity.config.ts'), target: 'containers', outDir })
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    compose = parse(readFileSync(join(out, 'docker-compose.yaml'), 'utf8'))
  }, 60_000)
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  test('compose gives the subscribing service a fixed id and warns against --scale; the others and the gateway get none', () => {
    expect(compose.services['email-v1']!.environment.PURISTA_INSTANCE_ID).toBe('email-v1')
    expect(compose.services['user-v1']!.environment).not.toHaveProperty('PURISTA_INSTANCE_ID')
    expect(compose.services.gateway!.environment).not.toHaveProperty('PURISTA_INSTANCE_ID')
    expect(readFileSync(join(out, 'docker-compose.yaml'), 'utf8')).toMatch(/^# email-v1: durable MQTT subscriptions .*\n# .*Do not --scale them/m)
  })

  test('Kubernetes runs the subscribing service as a StatefulSet whose pod name is the id; the others stay Deployments', () => {
    const docs = (file: string) => parseAllDocuments(readFileSync(join(out, 'k8s', file), 'utf8')).map((d) => d.toJSON())
    const [email] = docs('email-v1.yaml')
    expect(email).toMatchObject({ kind: 'StatefulSet', spec: { serviceName: 'email-v1', replicas: 2 } })
    expect(email.spec.template.spec.containers[0].env).toContainEqual({ name: 'PURISTA_INSTANCE_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } })
    for (const file of ['user-v1.yaml', 'gateway.yaml']) expect(docs(file)[0].kind).toBe('Deployment')
  })

  describe('with exactly the generated environment', () => {
    const running: RunningProcess[] = []
    afterAll(async () => {
      await Promise.all(running.map((p) => p.stop()))
      // The broker would keep the session of the test's email-v1 for an hour: end it now.
      if (await requireBroker('Mosquitto', broker.MQTT_URL)) {
        const client = await mqtt.connectAsync(broker.MQTT_URL, { protocolVersion: 5, clientId: `${NAMESPACE}-email-v1`, clean: true, properties: { sessionExpiryInterval: 0 } })
        await client.endAsync()
      }
    })

    test('an event emitted while the subscribing service is down arrives once it is back', async () => {
      if (!(await requireBroker('Mosquitto', broker.MQTT_URL)) || !(await requireBroker('Redis', broker.REDIS_URL))) return
      // The one change: each container's port (compose gives every container its own network, this runs them side by side).
      // The namespace is the build's, as in compose: not the per-file one the e2e helpers give.
      const envOf = (service: string) => ({ ...resolve(compose.services[service]!.environment, broker), PORT: '0', PURISTA_NAMESPACE: '' })
      const start = async (service: string) => {
        const process = await startBundle(join(out, service, 'index.mjs'), envOf(service))
        running.push(process)
        return process
      }
      await start('user-v1')
      const email = await start('email-v1')
      await email.stop()

      const client = new MqttBridge({ url: broker.MQTT_URL, prefix: NAMESPACE, logger: createLogger({ sink: () => {} }) })
      await client.start()
      const address = `ada-${process.pid}-${Date.now()}@example.com`
      try {
        const caller = { serviceName: 'IdentityTest', serviceVersion: '1', serviceTarget: 'test' }
        await client.invoke(createCommand({ serviceName: 'User', serviceVersion: '1', serviceTarget: 'registerNewUser' }, caller, { email: address, name: 'Ada' }, {}, { traceId: 'while-down' }), 10_000)
      } finally {
        await client.destroy()
      }

      const back = await start('email-v1')
      await back.waitForLog((line) => line.msg === 'welcome mail sent' && line.to === address, 10_000)
    }, 60_000)
  })
})
