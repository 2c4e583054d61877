import { Agent, request } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { REPO, runCli, startBundle } from './helpers.ts'

const CONNECTIONS = 50

interface Outcome {
  status?: number
  error?: string
}

/** One GET on the agent's keep-alive connections: its status, or the code of the error that ended it. */
const get = (agent: Agent, port: number, path: string) =>
  new Promise<Outcome & { connection?: string }>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume()
      res.once('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }))
    })
    req.once('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
    req.end()
  })

describe('SIGTERM under keep-alive load', () => {
  let outDir: string
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'purista-shutdown-'))
    expect((await runCli(['build', '--target', 'monolith', '--config', join(REPO, 'purista.config.ts'), '--out-dir', outDir])).code).toBe(0)
  })
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  test(`${CONNECTIONS} busy keep-alive connections: no request reset, every one answered, exit within 5 s`, async () => {
    const app = await startBundle(join(outDir, 'monolith', 'index.mjs'))
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS })
    const outcomes: Outcome[] = []
    // Each client sends its next request as soon as the last is answered, until the server refuses new connections.
    const clients = Array.from({ length: CONNECTIONS }, async () => {
      for (;;) {
        const outcome = await get(agent, app.port, '/api/v1/users/nobody')
        outcomes.push(outcome)
        if (outcome.error) return
      }
    })
    while (outcomes.length < 500) await new Promise((r) => setTimeout(r, 5))
    const signalled = Date.now()
    const exitCode = await app.stop('SIGTERM')
    const exitMs = Date.now() - signalled
    await Promise.all(clients)
    agent.destroy()

    const errors = outcomes.flatMap((o) => (o.error ? [o.error] : []))
    // The only way a client learns of the shutdown is a refused new connection, never a reset one.
    expect(new Set(errors)).toEqual(new Set(['ECONNREFUSED']))
    expect(outcomes.filter((o) => o.status !== undefined && o.status !== 404)).toEqual([])
    expect(exitCode).toBe(0)
    expect(exitMs).toBeLessThan(5_000)
    console.log(`shutdown: ${outcomes.length - errors.length} answered, ${errors.length} refused after close, exit in ${exitMs} ms`)
  })

  test('a request sent on an idle keep-alive connection just after SIGTERM is answered with connection: close', async () => {
    const app = await startBundle(join(outDir, 'monolith', 'index.mjs'))
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    expect((await get(agent, app.port, '/healthz')).connection).toBe('keep-alive')
    const signalled = Date.now()
    const exited = app.stop('SIGTERM')
    await app.waitForLog((l) => l.msg === 'SIGTERM received, draining')
    // The same socket, reused after the listener closed: within the grace it still gets an answer.
    expect(await get(agent, app.port, '/api/v1/users/nobody')).toEqual({ status: 404, connection: 'close' })
    expect(await exited).toBe(0)
    expect(Date.now() - signalled).toBeLessThan(5_000)
    agent.destroy()
  })
})
