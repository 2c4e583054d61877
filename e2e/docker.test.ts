/**
 * The containers target in real Docker: images built from the generated Dockerfiles, the generated
 * docker-compose.yaml started with a test override, the scenarios run through the gateway container.
 *
 * The test runs a copy of the generated compose file changed in four ways only, because this
 * machine allows host networking only and pulls no image: every container joins the host network
 * (so published ports go, and each container gets a port of its own), `extra_hosts` points the
 * generated broker and Redis host names at the host's own NATS and Redis, and the broker and Redis
 * services become stand-ins that only report healthy. Builds, environment, healthchecks and
 * depends_on stay as generated.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parse, stringify } from 'yaml'
import { ensureBaseImage, BASE_IMAGE } from './docker/base-image.ts'
import { REPO, runCli } from './helpers.ts'
import { userEmailScenarios } from './scenarios.ts'

const exec = (command: string, args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(command, args, { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr })),
  )

const dockerRunning = (await exec('docker', ['info'])).code === 0 && (await exec('docker-compose', ['version'])).code === 0
if (!dockerRunning && process.env.CI === 'true') throw new Error('Docker is not running: .ci/run installs docker.io and docker-compose and starts dockerd')

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

describe.skipIf(!dockerRunning)('containers target in Docker (user-email over NATS)', () => {
  const project = `purista-e2e-${process.pid}`
  const outDir = mkdtempSync(join(tmpdir(), 'purista-docker-'))
  const out = join(outDir, 'containers')
  let compose: (...args: string[]) => ReturnType<typeof exec>
  let gatewayPort = 0
  let containers: string[] = []

  beforeAll(async () => {
    ensureBaseImage()
    // --images builds every image through the Docker engine API (dockerode) from the generated Dockerfiles.
    const build = await runCli(['build', '--target', 'containers', '--broker', 'nats', '--images', '--config', join(REPO, 'purista.config.ts'), '--out-dir', outDir])
    expect(build.stderr).toMatch(/image user-email-gateway {2}[0-9a-f]{12}/)
    expect(build.code, build.stderr).toBe(0)
    containers = readdirSync(out).filter((name) => name !== 'k8s' && !name.includes('.'))

    const ports = Object.fromEntries(await Promise.all(containers.map(async (name) => [name, await freePort()] as const)))
    gatewayPort = ports.gateway!
    const standIn = { image: BASE_IMAGE, command: ['node', '-e', "process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1 << 30)"], network_mode: 'host', healthcheck: { test: ['CMD', 'node', '-e', '0'], interval: '1s', retries: 3 } }
    const generated = parse(readFileSync(join(out, 'docker-compose.yaml'), 'utf8'))
    expect(Object.keys(generated.services).sort()).toEqual([...containers, 'nats', 'redis'].sort())
    for (const [name, service] of Object.entries<Record<string, any>>(generated.services)) {
      if (name === 'nats' || name === 'redis') {
        generated.services[name] = standIn
        continue
      }
      delete service.ports
      service.network_mode = 'host'
      service.extra_hosts = ['nats:127.0.0.1', 'redis:127.0.0.1']
      service.environment = { ...service.environment, PORT: String(ports[name]) }
      service.healthcheck = { ...service.healthcheck, interval: '1s' }
    }
    writeFileSync(join(out, 'docker-compose.test.yaml'), stringify(generated))
    compose = (...args) => exec('docker-compose', ['-p', project, '-f', join(out, 'docker-compose.test.yaml'), ...args], { COMPOSE_DOCKER_CLI_BUILD: '0', DOCKER_BUILDKIT: '0' })

    // The images exist, so compose starts them without building.
    const up = await compose('up', '-d', '--no-build')
    expect(up.code, up.stderr).toBe(0)
    const deadline = Date.now() + 60_000
    while ((await fetch(`http://127.0.0.1:${gatewayPort}/healthz`).catch(() => undefined))?.status !== 200) {
      if (Date.now() > deadline) throw new Error(`the gateway container never became healthy:\n${(await compose('logs', '--no-color')).stdout}`)
      await new Promise((r) => setTimeout(r, 500))
    }
  }, 180_000)

  afterAll(async () => {
    if (compose) {
      await compose('down', '--rmi', 'all', '--timeout', '10')
    }
    rmSync(outDir, { recursive: true, force: true })
  }, 60_000)

  test('the images are built from the generated Dockerfiles, one per container', async () => {
    expect(containers.sort()).toEqual(['email-v1', 'gateway', 'user-v1'])
    for (const name of containers) {
      const inspect = await exec('docker', ['image', 'inspect', `user-email-${name}`, '--format', '{{json .Config.Cmd}} {{.Config.User}}'])
      expect(inspect.stdout.trim()).toBe('["node","--enable-source-maps","index.mjs"] node')
    }
  })

  userEmailScenarios(() => ({
    base: `http://127.0.0.1:${gatewayPort}`,
    // Log lines come from the containers' stdout, as `docker logs` shows them.
    waitForLog: async (predicate, timeoutMs = 10_000) => {
      const end = Date.now() + timeoutMs
      while (Date.now() < end) {
        const { stdout } = await compose('logs', '--no-color', '--no-log-prefix')
        const found = stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, any>)
          .find(predicate)
        if (found) return found
        await new Promise((r) => setTimeout(r, 250))
      }
      throw new Error('log line not seen in the containers')
    },
  }))

  test('docker-compose stop ends every container within seconds, cleanly: node as PID 1 handles SIGTERM', async () => {
    const started = Date.now()
    const stop = await compose('stop', '--timeout', '10')
    expect(stop.code).toBe(0)
    expect(Date.now() - started).toBeLessThan(8_000)
    for (const name of containers) {
      const id = (await compose('ps', '-q', name)).stdout.trim()
      // 137 would mean Docker had to kill it after the grace period.
      expect((await exec('docker', ['inspect', id, '--format', '{{.State.ExitCode}}'])).stdout.trim(), name).toBe('0')
    }
  })
})
