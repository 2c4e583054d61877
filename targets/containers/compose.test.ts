import { execFile, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { parse } from 'yaml'
import { requireBroker } from '../../runtime/bridges/broker-env.ts'
import { CONNECTION_VARIABLES } from '../../runtime/bridges/connection-variables.ts'
import { BROKERS, REDIS } from './brokers.ts'
import { composeFile } from './compose.ts'

const run = (command: string, args: string[]) => new Promise<number>((resolve) => execFile(command, args, { timeout: 20_000 }, (error) => resolve(error ? 1 : 0)))
const composeAvailable = async () => (await run('docker-compose', ['version'])) === 0
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const generated = (broker: 'nats' | 'amqp' | 'mqtt') =>
  parse(composeFile({ broker, redis: true, port: 3000, containers: [{ name: 'order-v1', image: 'shop-order-v1' }], gateway: { image: 'shop-gateway' } }))

/** A compose healthcheck as the container's shell would run it: `$$` is compose's escape for `$`. */
const asRun = (test: string[]) => {
  const [kind, ...rest] = test.map((part) => part.replaceAll('$$', '$'))
  return kind === 'CMD-SHELL' ? { command: 'sh', args: ['-c', rest.join(' ')] } : { command: rest[0]!, args: rest.slice(1) }
}

describe('containers target: the compose file waits for brokers and stores that really serve', () => {
  for (const broker of ['nats', 'amqp', 'mqtt'] as const) {
    test(`${broker}: every container starts once the broker and Redis pass their checks, gets the credential variables from compose's environment, and docker-compose config -q accepts the file`, async () => {
      const compose = generated(broker)
      const brokerService = BROKERS[broker].service
      expect(compose.services[brokerService].healthcheck.test).toEqual(BROKERS[broker].healthcheck)
      expect(compose.services.redis.healthcheck.test).toEqual(REDIS.healthcheck)
      expect(compose.services['order-v1'].depends_on).toEqual({ [brokerService]: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } })
      expect(compose.services.gateway.depends_on).toEqual({ [brokerService]: { condition: 'service_healthy' }, 'order-v1': { condition: 'service_healthy' } })
      for (const name of Object.values(CONNECTION_VARIABLES[broker])) expect(compose.services['order-v1'].environment[name], name).toBe(`\${${name}:-}`)
      if (!(await composeAvailable())) {
        if (process.env.CI === 'true') throw new Error('docker-compose is not installed; .ci/run installs it')
        return
      }
      const dir = mkdtempSync(join(tmpdir(), 'purista-compose-'))
      // docker-compose checks that each build folder exists.
      for (const folder of ['order-v1', 'gateway']) mkdirSync(join(dir, folder))
      const file = join(dir, 'docker-compose.yaml')
      writeFileSync(file, composeFile({ broker, redis: true, port: 3000, containers: [{ name: 'order-v1', image: 'shop-order-v1' }], gateway: { image: 'shop-gateway' } }))
      expect(await run('docker-compose', ['-f', file, 'config', '-q'])).toBe(0)
    })
  }

  // The images are not pulled here, so each check runs as its command line on this machine, against
  // the same servers on 127.0.0.1 (the checks' own address inside their containers).
  test('the RabbitMQ, Mosquitto and Redis checks pass against running servers', async () => {
    const servers = [
      { name: 'RabbitMQ', url: 'amqp://127.0.0.1:5672', check: BROKERS.amqp.healthcheck },
      { name: 'Mosquitto', url: 'mqtt://127.0.0.1:1883', check: BROKERS.mqtt.healthcheck },
      { name: 'Redis', url: 'redis://127.0.0.1:6379', check: REDIS.healthcheck },
    ]
    for (const { name, url, check } of servers) {
      if (!(await requireBroker(name, url))) continue
      const { command, args } = asRun(check)
      expect(await run(command, args), check.join(' ')).toBe(0)
    }
  })

  test('the NATS check fails until nats-server with JetStream serves, then passes', async () => {
    const monitoring = await freePort()
    const { command, args } = asRun(BROKERS.nats.healthcheck.map((part) => part.replace(':8222/', `:${monitoring}/`)))
    expect(await run(command, args)).toBe(1)
    const server = spawn('/usr/sbin/nats-server', ['-js', '-sd', mkdtempSync(join(tmpdir(), 'purista-js-')), '-p', String(await freePort()), '-m', String(monitoring)], { stdio: 'ignore' })
    try {
      const end = Date.now() + 10_000
      while ((await run(command, args)) !== 0) {
        if (Date.now() > end) throw new Error('the NATS check never passed')
        await new Promise((r) => setTimeout(r, 100))
      }
    } finally {
      server.kill()
    }
  })
})
