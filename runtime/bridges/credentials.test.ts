/**
 * Each bridge signs in with the credentials of its environment variables, against a broker of its
 * own that requires them (started here on a free loopback port; the shared brokers allow anyone).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import amqp from 'amqplib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createLogger } from '../core/logger.ts'
import type { EventBridge } from '../bridge/types.ts'
import { brokerAvailable, requireBroker } from './broker-env.ts'
import { AmqpBridge } from './amqp.ts'
import { MqttBridge } from './mqtt.ts'
import { NatsBridge } from './nats.ts'

const logger = createLogger({ sink: () => {} })
const dir = mkdtempSync(join(tmpdir(), 'purista-credentials-'))
const servers: ChildProcess[] = []
afterAll(() => {
  for (const server of servers) server.kill()
  rmSync(dir, { recursive: true, force: true })
})

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/** Starts a broker of this test's own and waits until it accepts connections. */
async function serve(command: string, args: string[], port: number) {
  const server = spawn(command, args, { stdio: 'ignore' })
  servers.push(server)
  const end = Date.now() + 10_000
  while (!(await brokerAvailable(`tcp://127.0.0.1:${port}`))) {
    if (Date.now() > end) throw new Error(`${command} did not listen on ${port}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Starts the bridge with these variables set, as a container would have them; destroys it again. */
async function startWith(env: Record<string, string>, bridge: () => EventBridge, use?: (b: EventBridge) => Promise<unknown>) {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]))
  Object.assign(process.env, env)
  const b = bridge()
  try {
    await b.start()
    await use?.(b)
  } finally {
    await b.destroy().catch(() => {})
    for (const [name, value] of Object.entries(saved)) value === undefined ? delete process.env[name] : (process.env[name] = value)
  }
}

/** A CA of the test's own, and a server certificate it signed for 127.0.0.1 and localhost: ca.pem, server.pem, server.key in dir. */
let issued = false
function certificates() {
  if (issued) return
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' })
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=purista test CA')
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1')
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n')
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '1', '-extfile', 'san.ext')
  issued = true
}

const event = { id: 'e1', timestamp: 0, messageType: 'customMessage', eventName: 'signedIn', traceId: 't', sender: { serviceName: 'Test', serviceVersion: '1', serviceTarget: 'test' }, payload: {} } as never

describe('NATS with $NATS_USER and $NATS_PASSWORD, $NATS_TOKEN, $NATS_TLS_CA', () => {
  let userServer = ''
  let tokenServer = ''
  let tlsServer = ''
  beforeAll(async () => {
    const [userPort, tokenPort, tlsPort] = [await freePort(), await freePort(), await freePort()]
    await serve('/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(userPort), '-js', '-sd', mkdtempSync(join(dir, 'js-')), '--user', 'orders', '--pass', 's3cret'], userPort)
    await serve('/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(tokenPort), '-js', '-sd', mkdtempSync(join(dir, 'js-')), '--auth', 't0ken'], tokenPort)
    certificates()
    await serve('/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(tlsPort), '-js', '-sd', mkdtempSync(join(dir, 'js-')), '--tls', '--tlscert', join(dir, 'server.pem'), '--tlskey', join(dir, 'server.key')], tlsPort)
    ;[userServer, tokenServer, tlsServer] = [`nats://127.0.0.1:${userPort}`, `nats://127.0.0.1:${tokenPort}`, `nats://127.0.0.1:${tlsPort}`]
  }, 30_000)
  const nats = (servers: string) => () => new NatsBridge({ servers, prefix: 'credentials-test', logger })

  test('the right user and password: the bridge starts and JetStream stores an event', async () => {
    await startWith({ NATS_USER: 'orders', NATS_PASSWORD: 's3cret' }, nats(userServer), (b) => b.emit(event))
  })

  test('a wrong password stops the start, naming the variables to fix', async () => {
    await expect(startWith({ NATS_USER: 'orders', NATS_PASSWORD: 'wrong' }, nats(userServer))).rejects.toThrow(/^NATS at nats:\/\/127\.0\.0\.1:\d+ refused the credentials in \$NATS_USER, \$NATS_PASSWORD/)
  })

  test('no credentials at all: the error says which variables to set', async () => {
    await expect(startWith({ NATS_USER: '', NATS_PASSWORD: '' }, nats(userServer))).rejects.toThrow(/requires credentials: set \$NATS_USER and \$NATS_PASSWORD, \$NATS_TOKEN or \$NATS_CREDS/)
  })

  test('a token', async () => {
    await startWith({ NATS_TOKEN: 't0ken' }, nats(tokenServer))
  })

  test('TLS with a private CA: trusted with $NATS_TLS_CA, refused without it', async () => {
    await startWith({ NATS_TLS_CA: join(dir, 'ca.pem') }, nats(tlsServer))
    await expect(startWith({ NATS_TLS_CA: '' }, nats(tlsServer))).rejects.toThrow(/cannot reach NATS at .*certificate/)
  })
})

const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'

if (await requireBroker('RabbitMQ', AMQP_URL)) {
  describe('RabbitMQ with a user and password in $AMQP_URL', () => {
    // A user of this test's own on the shared RabbitMQ, removed afterwards.
    const user = `purista-credentials-${process.pid}`
    const rabbitmqctl = (...args: string[]) => execFileSync('rabbitmqctl', ['-q', ...args], { stdio: 'ignore' })
    const at = (password: string) => {
      const url = new URL(AMQP_URL)
      url.username = user
      url.password = password
      return url.toString()
    }
    const prefix = `purista-credentials-${process.pid}`
    beforeAll(() => {
      rabbitmqctl('add_user', user, 's3cret')
      rabbitmqctl('set_permissions', '-p', '/', user, `^${prefix}\\..*|amq\\..*`, `^${prefix}\\..*|amq\\..*`, `^${prefix}\\..*|amq\\..*`)
    }, 30_000)
    afterAll(async () => {
      rabbitmqctl('delete_user', user)
      const connection = await amqp.connect(AMQP_URL)
      const channel = await connection.createChannel()
      await channel.deleteExchange(`${prefix}.events`)
      await connection.close()
    })
    const rabbit = () => new AmqpBridge({ prefix, logger })

    test('a user that is not guest: the bridge starts and the broker confirms an event', async () => {
      await startWith({ AMQP_URL: at('s3cret') }, rabbit, (b) => b.emit(event))
    })

    test('a wrong password stops the start, naming $AMQP_URL and not printing the password', async () => {
      const failure = await startWith({ AMQP_URL: at('wrong-pw') }, rabbit).catch((error: Error) => error)
      expect((failure as Error).message).toMatch(new RegExp(`^RabbitMQ at amqp://${user}@127\\.0\\.0\\.1:5672 refused the user and password in \\$AMQP_URL`))
      expect((failure as Error).message).not.toContain('wrong-pw')
    })
  })
}

describe('Mosquitto with a password file, $MQTT_USERNAME and $MQTT_PASSWORD; mqtts with $MQTT_TLS_CA', () => {
  let url = ''
  let tlsUrl = ''
  beforeAll(async () => {
    const [port, tlsPort] = [await freePort(), await freePort()]
    certificates()
    execFileSync('mosquitto_passwd', ['-b', '-c', join(dir, 'passwords'), 'orders', 's3cret'], { stdio: 'ignore' })
    // Started as root, mosquitto reads its files as its own user: the folder and the key must let it in.
    chmodSync(dir, 0o755)
    chmodSync(join(dir, 'server.key'), 0o644)
    const tls = `listener ${tlsPort} 127.0.0.1\ncafile ${join(dir, 'ca.pem')}\ncertfile ${join(dir, 'server.pem')}\nkeyfile ${join(dir, 'server.key')}\n`
    writeFileSync(join(dir, 'mosquitto.conf'), `per_listener_settings false\nallow_anonymous false\npassword_file ${join(dir, 'passwords')}\npersistence false\nlistener ${port} 127.0.0.1\n${tls}`)
    await serve('/usr/sbin/mosquitto', ['-c', join(dir, 'mosquitto.conf')], port)
    url = `mqtt://127.0.0.1:${port}`
    tlsUrl = `mqtts://127.0.0.1:${tlsPort}`
  }, 30_000)
  const mosquitto = () => new MqttBridge({ url, prefix: 'credentials-test', logger })

  test('the right user and password: the bridge starts and the broker acknowledges an event', async () => {
    await startWith({ MQTT_USERNAME: 'orders', MQTT_PASSWORD: 's3cret' }, mosquitto, (b) => b.emit(event))
  })

  test('a wrong password stops the start, naming the variables to fix', async () => {
    await expect(startWith({ MQTT_USERNAME: 'orders', MQTT_PASSWORD: 'wrong' }, mosquitto)).rejects.toThrow(/^the MQTT broker at mqtt:\/\/127\.0\.0\.1:\d+ refused the credentials in \$MQTT_USERNAME and \$MQTT_PASSWORD/)
  })

  test('mqtts with a private CA: trusted with $MQTT_TLS_CA, refused without it', async () => {
    const overTls = () => new MqttBridge({ url: tlsUrl, prefix: 'credentials-test', logger })
    await startWith({ MQTT_USERNAME: 'orders', MQTT_PASSWORD: 's3cret', MQTT_TLS_CA: join(dir, 'ca.pem') }, overTls, (b) => b.emit(event))
    await expect(startWith({ MQTT_USERNAME: 'orders', MQTT_PASSWORD: 's3cret', MQTT_TLS_CA: '' }, overTls)).rejects.toThrow(/cannot reach the MQTT broker at mqtts:.*certificate/)
  })

  test('no credentials at all: the error says which variables to set', async () => {
    await expect(startWith({ MQTT_USERNAME: '', MQTT_PASSWORD: '' }, mosquitto)).rejects.toThrow(/requires credentials: set \$MQTT_USERNAME and \$MQTT_PASSWORD/)
  })
})
