import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brokerAvailable } from '../runtime/bridges/broker-env.ts'

export interface OwnBroker {
  url: string
  stop(): Promise<void>
  /** kill -9 and start again on the same port with the same data: a broker that crashed and came back (nats). */
  crash?: { kill(): Promise<void>; restart(): Promise<void> }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/**
 * A broker of the test's own on a free port, so that what a test leaves in it (MQTT sessions,
 * JetStream consumers) never reaches another test on the shared brokers. RabbitMQ cannot be started
 * so cheaply: for it this is a virtual host of its own on the shared broker, so that its queues are
 * not the queues of another test running the same services at the same time.
 */
export async function ownBroker(kind: 'nats' | 'amqp' | 'mqtt'): Promise<OwnBroker> {
  if (kind === 'amqp') return ownVirtualHost()
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), `purista-${kind}-`))
  const { file, args } =
    kind === 'nats' ? { file: '/usr/sbin/nats-server', args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir] } : { file: '/usr/sbin/mosquitto', args: ['-c', mosquittoConfig(dir, port)] }
  const url = `${kind}://127.0.0.1:${port}`
  let server = await listening(file, args, url)
  const kill = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGKILL')
      await new Promise((r) => server.once('exit', r))
    }
  }
  return {
    url,
    stop: async () => {
      await kill()
      rmSync(dir, { recursive: true, force: true })
    },
    // mosquitto: see broker-outage.test.ts for why its outage is a cut proxy.
    ...(kind === 'nats' && { crash: { kill, restart: async () => void (server = await listening(file, args, url)) } }),
  }
}

async function listening(file: string, args: string[], url: string) {
  const server = spawn(file, args, { stdio: 'ignore' })
  // 20 s: a restart on a loaded CI machine, with JetStream recovering its store, can take seconds.
  const end = Date.now() + 20_000
  while (!(await brokerAvailable(url))) {
    if (Date.now() > end) {
      server.kill('SIGKILL')
      throw new Error(`${file} did not listen at ${url} within 20 s`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return server
}

async function ownVirtualHost(): Promise<OwnBroker> {
  const vhost = `purista-test-${process.pid}-${Date.now()}`
  await rabbitmqctl('add_vhost', vhost)
  await rabbitmqctl('set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*')
  return { url: `amqp://guest:guest@127.0.0.1:5672/${vhost}`, stop: () => rabbitmqctl('delete_vhost', vhost) }
}

const rabbitmqctl = (...args: string[]) =>
  new Promise<void>((resolve, reject) =>
    execFile('rabbitmqctl', args, { timeout: 30_000 }, (error, _stdout, stderr) => (error ? reject(new Error(`rabbitmqctl ${args.join(' ')} failed: ${stderr || error.message}`)) : resolve())),
  )

function mosquittoConfig(dir: string, port: number): string {
  const file = join(dir, 'mosquitto.conf')
  writeFileSync(file, `listener ${port} 127.0.0.1\nallow_anonymous true\n`)
  return file
}
