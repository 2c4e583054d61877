import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createClient } from 'redis'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Validator } from '@seriousme/openapi-schema-validator'
import { requireBroker } from '../runtime/bridges/broker-env.ts'
import { appOpenApiDocument } from '../runtime/http/openapi.ts'
import { collectRoutes } from '../runtime/http/routes.ts'
import { taskV1Service } from '../fixtures/purista-style/src/service/task/v1/taskV1Service.ts'
import { CLI, REPO, removeProject, runCli, scratchProject, startBundle, startNode, type RunningProcess } from './helpers.ts'

/**
 * fixtures/purista-style, an app written the way PURISTA's fullexample and hono-example are:
 * this.config validated by setConfigSchema and set in purista.config.ts, pino-style log calls, GETs
 * with z.undefined() payloads, disableHttpSecurity, a text/plain endpoint whose output transform
 * reads this.config, optional path parameters (task/:taskId/:field?), a guard hook logging through
 * this.logger, a subscription reading this.config too. Built and served on the monolith, as
 * containers over NATS, on lambda and on azure run locally; its own unit tests run with the rest.
 */
const FIXTURE = join(REPO, 'fixtures/purista-style')
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const withBrokers = (await requireBroker('NATS', process.env.NATS_URL ?? 'nats://127.0.0.1:4222')) && (await requireBroker('Redis', REDIS_URL))

/** The containers keep state in Redis under the app's name: a run starts from no tasks. */
async function forgetStoredTasks() {
  const redis = await createClient({ url: REDIS_URL }).connect()
  await redis.del('purista-style:Task:1:tasks')
  await redis.quit()
}

const starts = {
  monolith: async (outDir: string) => {
    const build = await runCli(['build', '--target', 'monolith', '--config', join(FIXTURE, 'purista.config.ts'), '--out-dir', outDir])
    expect(build.code, build.stderr).toBe(0)
    return startBundle(join(outDir, 'monolith/index.mjs'))
  },
  ...(withBrokers && {
    'containers over NATS': async (outDir: string) => {
      await forgetStoredTasks()
      const build = await runCli(['build', '--target', 'containers', '--broker', 'nats', '--config', join(FIXTURE, 'purista.config.ts'), '--out-dir', outDir])
      expect(build.code, build.stderr).toBe(0)
      const service = await startBundle(join(outDir, 'containers/task-v1/index.mjs'))
      const gateway = await startBundle(join(outDir, 'containers/gateway/index.mjs'))
      // One app under test: the gateway's port, the service's logs, both stopped together.
      return { ...gateway, logs: service.logs, waitForLog: service.waitForLog, stop: async () => (await gateway.stop(), service.stop()) }
    },
  }),
  'lambda, run locally': (outDir: string) => startNode([CLI, 'start', '--target', 'lambda', '--config', join(FIXTURE, 'purista.config.ts'), '--out-dir', outDir], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/),
  'azure, run locally': (outDir: string) => startNode([CLI, 'start', '--target', 'azure', '--config', join(FIXTURE, 'purista.config.ts'), '--out-dir', outDir], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/),
}

/** The document every target must serve: the one the monolith's server builds from the same services. */
const expectedDocument = JSON.parse(JSON.stringify(appOpenApiDocument(collectRoutes([{ info: taskV1Service.info, commandDefinitions: taskV1Service.getCommandDefinitions() }]), 'purista-style', undefined)))

describe.each(Object.entries(starts))('purista-style on %s', (target, start) => {
  let outDir: string
  let app: RunningProcess
  let base: string
  beforeAll(async () => {
    outDir = scratchProject({})
    app = await start(outDir)
    base = `http://127.0.0.1:${app.port}/api/v1`
  }, 120_000)
  afterAll(async () => {
    await app?.stop()
    removeProject(outDir)
  })
  const post = (title: string) => fetch(`${base}/tasks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) })

  test("this.config from purista.config.ts limits the open tasks; the subscription's this.config labels the audit", async () => {
    const first = await (await post('first')).json()
    expect((await post('second')).status).toBe(200)
    const refused = await post('third')
    expect(refused.status).toBe(409)
    expect(await refused.json()).toMatchObject({ detail: 'at most 2 open tasks' })
    expect((await (await fetch(`${base}/tasks`)).json()).map((t: { title: string }) => t.title)).toEqual(['first', 'second'])
    // The label is setDefaultConfig's: purista.config.ts sets only maxOpenTasks.
    await app.waitForLog((line) => line.msg === 'task audited' && line.taskId === first.taskId, 10_000)
    expect(await (await fetch(`${base}/tasks/${first.taskId}/audit`)).json()).toEqual({ label: 'task-audit', title: 'first', service: 'Task' })
  })

  test("pino-style logger.info({ taskId }, msg) puts taskId into the line, beside the trace id", () => {
    const created = app.logs.find((line) => line.msg === 'task created')
    expect(created).toMatchObject({ level: 'info', service: 'Task', target: 'createTask', taskId: expect.any(String), traceId: expect.any(String) })
  })

  test('/api/openapi.json answers 200 with a valid OpenAPI 3.1 document, the same on every target; /healthz answers ok', async () => {
    const res = await fetch(`http://127.0.0.1:${app.port}/api/openapi.json`)
    expect(res.status).toBe(200)
    const document = await res.json()
    const validator = new Validator()
    expect(await validator.validate(document)).toEqual({ valid: true })
    expect(validator.version).toBe('3.1')
    expect(document).toEqual(expectedDocument)
    // GETs with a z.undefined() payload have no request body; the optional parameter is documented once per path.
    expect(document.paths['/api/v1/tasks'].get.requestBody).toBeUndefined()
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/task/{taskId}', '/api/v1/task/{taskId}/{field}']))
    expect(document.paths['/api/v1/tasks/summary'].get.responses['200'].content).toHaveProperty(['text/plain'])
    const health = await fetch(`http://127.0.0.1:${app.port}/healthz`)
    expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: 'ok' } })
  })

  test("a text/plain endpoint: the output transform writes the counts with this.config's maximum", async () => {
    const res = await fetch(`${base}/tasks/summary`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await res.text()).toMatch(/^\d+ of at most 2 open, \d+ done$/)
  })

  test('optional path parameters: task/:taskId answers the task, task/:taskId/title one field; the guard logs through this.logger', async () => {
    const [task] = await (await fetch(`${base}/tasks`)).json()
    expect(await (await fetch(`${base}/task/${task.taskId}`)).json()).toEqual(task)
    expect(await (await fetch(`${base}/task/${task.taskId}/title`)).json()).toEqual({ taskId: task.taskId, title: task.title })
    expect((await fetch(`${base}/task/${task.taskId}/owner`)).status).toBe(400)
    await app.waitForLog((line) => line.msg === 'task looked up' && line.field === 'title' && line.service === 'Task', 10_000)
  })
})

test('a config value the schema refuses stops the monolith at start, exit 1, naming the field', async () => {
  const files: Record<string, string> = {}
  const copy = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) copy(path)
      else if (!entry.name.endsWith('.test.ts')) files[relative(FIXTURE, path)] = readFileSync(path, 'utf8')
    }
  }
  copy(join(FIXTURE, 'src'))
  files['purista.config.ts'] = readFileSync(join(FIXTURE, 'purista.config.ts'), 'utf8').replace('maxOpenTasks: 2', "maxOpenTasks: 'two'")
  const dir = scratchProject(files)
  try {
    const build = await runCli(['build', '--target', 'monolith', '--config', join(dir, 'purista.config.ts')])
    expect(build.code, build.stderr).toBe(0)
    const app = await startBundle(join(dir, 'dist/monolith/index.mjs')).catch((error: Error) => error)
    expect(app).toBeInstanceOf(Error)
    expect(String(app)).toMatch(/exited with 1 before listening/)
    expect(String(app)).toMatch(/the config of service Task v1 is invalid: maxOpenTasks: Invalid input: expected number, received string/)
  } finally {
    removeProject(dir)
  }
}, 60_000)
