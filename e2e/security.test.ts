import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLI, REPO, runCli, startBundle, startNode, type RunningProcess } from './helpers.ts'
import type { AppUnderTest } from './scenarios.ts'

/**
 * fixtures/secure-notes on every target: an auth guard reading bearer tokens (purista.config.ts
 * http.authGuard), a protected command with a text/plain body, an input transform and a guard hook
 * that only lets authors write, a public command with an output transform, and a subscription that
 * sees the principal of the request that caused its event.
 */
const CONFIG = join(REPO, 'fixtures/secure-notes/purista.config.ts')

function securityScenarios(app: () => AppUnderTest) {
  const write = (text: string, token?: string) =>
    fetch(`${app().base}/api/v1/notes`, { method: 'POST', body: text, headers: { 'content-type': 'text/plain', ...(token && { authorization: `Bearer ${token}` }) } })

  test('no token, or an unknown one: 401 problem+json', async () => {
    for (const token of [undefined, 'token-nobody']) {
      const res = await write('hello', token)
      expect(res.status).toBe(401)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(await res.json()).toMatchObject({ status: 401, title: 'Unauthorized' })
    }
  })

  test("a principal the command's guard hook refuses, or a token the auth guard refuses: 403", async () => {
    const bob = await write('hello', 'token-bob')
    expect(bob.status).toBe(403)
    expect(await bob.json()).toMatchObject({ status: 403, detail: 'only authors write notes' })
    expect(await (await write('hello', 'token-revoked')).json()).toMatchObject({ status: 403, detail: 'this token was revoked' })
  })

  test('the right principal: 200, the text/plain body transformed into the payload, the principal seen by the subscription', async () => {
    const res = await write('  a secret plan  ', 'token-ada')
    expect(res.status).toBe(200)
    const note = await res.json()
    expect(note).toMatchObject({ author: 'ada', text: 'a secret plan' })
    const audited = await app().waitForLog((l) => l.msg === 'note audited' && l.noteId === note.noteId)
    expect(audited).toMatchObject({ principalId: 'ada', tenantId: 'acme' })
  })

  test('a public endpoint needs no token; its output transform answers text/plain', async () => {
    const res = await fetch(`${app().base}/api/v1/ping`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await res.text()).toBe('pong')
  })
}

const outDirs: string[] = []
const outDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `purista-security-${name}-`))
  outDirs.push(dir)
  return dir
}
afterAll(() => outDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe('monolith', () => {
  let app: RunningProcess
  beforeAll(async () => {
    const dir = outDir('monolith')
    expect((await runCli(['build', '--target', 'monolith', '--config', CONFIG, '--out-dir', dir])).code).toBe(0)
    app = await startBundle(join(dir, 'monolith', 'index.mjs'))
  })
  afterAll(() => app?.stop())
  securityScenarios(() => ({ base: `http://127.0.0.1:${app.port}`, waitForLog: app.waitForLog }))

  test('OpenAPI shows the security scheme and which operations need it', async () => {
    const doc = await (await fetch(`http://127.0.0.1:${app.port}/api/openapi.json`)).json()
    expect(doc.components.securitySchemes).toEqual({ authGuard: { type: 'http', scheme: 'bearer' } })
    expect(doc.paths['/api/v1/notes'].post.security).toEqual([{ authGuard: [] }])
    expect(doc.paths['/api/v1/notes'].post.requestBody.content).toHaveProperty(['text/plain'])
    expect(doc.paths['/api/v1/ping'].get.security).toEqual([])
  })
})

describe('containers over nats, the gateway authenticating', () => {
  const processes: RunningProcess[] = []
  let gateway: RunningProcess
  beforeAll(async () => {
    const dir = join(outDir('containers'), 'containers')
    expect((await runCli(['build', '--target', 'containers', '--broker', 'nats', '--config', CONFIG, '--out-dir', join(dir, '..')])).code).toBe(0)
    for (const name of readdirSync(dir).filter((n) => n !== 'gateway' && existsSync(join(dir, n, 'index.mjs')))) processes.push(await startBundle(join(dir, name, 'index.mjs')))
    gateway = await startBundle(join(dir, 'gateway', 'index.mjs'))
    processes.push(gateway)
  })
  afterAll(() => Promise.all(processes.map((p) => p.stop())))
  securityScenarios(() => ({ base: `http://127.0.0.1:${gateway.port}`, waitForLog: (predicate, timeoutMs) => Promise.any(processes.map((p) => p.waitForLog(predicate, timeoutMs))) }))
})

describe('lambda, run locally', () => {
  let app: RunningProcess
  beforeAll(async () => {
    app = await startNode([CLI, 'start', '--target', 'lambda', '--config', CONFIG, '--out-dir', outDir('lambda')], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/)
  }, 120_000)
  afterAll(() => app?.stop())
  securityScenarios(() => ({ base: `http://127.0.0.1:${app.port}`, waitForLog: (predicate, timeoutMs = 10_000) => app.waitForLog(predicate, timeoutMs) }))
})

describe('azure, run locally', () => {
  let app: RunningProcess
  beforeAll(async () => {
    app = await startNode([CLI, 'start', '--target', 'azure', '--config', CONFIG, '--out-dir', outDir('azure')], {}, /listening on http:\/\/127\.0\.0\.1:(\d+)/)
  }, 120_000)
  afterAll(() => app?.stop())
  securityScenarios(() => ({ base: `http://127.0.0.1:${app.port}`, waitForLog: (predicate, timeoutMs = 10_000) => app.waitForLog(predicate, timeoutMs) }))
})
