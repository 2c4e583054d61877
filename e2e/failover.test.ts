import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { REPO, runCli, startBundle, type RunningProcess } from './helpers.ts'

const json = { 'content-type': 'application/json' }

describe.each(['nats', 'amqp', 'mqtt'] as const)('two instances per service over %s', (broker) => {
  const running: RunningProcess[] = []
  let outDir: string | undefined
  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()))
    if (outDir) rmSync(outDir, { recursive: true, force: true })
  })

  test('stopping one instance of each service during traffic loses no command and no durable event', async () => {
    outDir = mkdtempSync(join(tmpdir(), `purista-failover-${broker}-`))
    expect((await runCli(['build', '--target', 'containers', '--broker', broker, '--config', join(REPO, 'purista.config.ts'), '--out-dir', outDir])).code).toBe(0)
    const bundle = (name: string) => join(outDir!, 'containers', name, 'index.mjs')
    const [userA, userB, emailA, emailB] = await Promise.all([startBundle(bundle('user-v1')), startBundle(bundle('user-v1')), startBundle(bundle('email-v1')), startBundle(bundle('email-v1'))])
    const gateway = await startBundle(bundle('gateway'))
    running.push(userA!, userB!, emailA!, emailB!, gateway)
    const base = `http://127.0.0.1:${gateway.port}`

    const run = randomBytes(4).toString('hex')
    const emails = Array.from({ length: 120 }, (_, i) => `failover-${run}-${i}@example.com`)
    let sent = 0
    const register = async (email: string) => {
      const res = await fetch(`${base}/api/v1/users`, { method: 'POST', headers: json, body: JSON.stringify({ email, name: 'F' }) })
      sent++
      return res.status
    }
    // Ten clients in parallel; when a third of the work is done, one instance of each service is stopped.
    const queue = [...emails]
    const statuses: number[] = []
    const clients = Array.from({ length: 10 }, async () => {
      for (let email = queue.shift(); email; email = queue.shift()) statuses.push(await register(email))
    })
    while (sent < 40) await new Promise((r) => setTimeout(r, 5))
    const stopped = Promise.all([userA!.stop('SIGTERM'), emailA!.stop('SIGTERM')])
    await Promise.all(clients)
    expect(await stopped).toEqual([0, 0])

    expect(statuses).toHaveLength(120)
    expect(statuses.filter((s) => s !== 200)).toEqual([])
    // Both instances did work before one stopped: the load was shared.
    expect(userA!.logs.filter((l) => l.msg === 'user registered').length).toBeGreaterThan(0)
    expect(userB!.logs.filter((l) => l.msg === 'user registered').length).toBeGreaterThan(0)

    // Every userRegistered event reached the Email service exactly once, across both instances.
    const mailed = () => [...emailA!.logs, ...emailB!.logs].filter((l) => l.msg === 'welcome mail sent' && emails.includes(l.to)).map((l) => l.to)
    await expect.poll(() => mailed().length, { timeout: 20_000, interval: 200 }).toBe(120)
    expect(new Set(mailed()).size).toBe(120)
  }, 60_000)
})
