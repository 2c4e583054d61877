import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { REPO, runCli, startBundle, type RunningProcess } from './helpers.ts'

const json = { 'content-type': 'application/json' }

/**
 * Builds a fixture, copies the bundle somewhere without node_modules (proving it is self-contained),
 * and runs it with plain node.
 */
function monolithOf(configPath: string, outDir: string): { app: RunningProcess; base: string } {
  const running = {} as { app: RunningProcess; base: string }
  let isolated: string | undefined
  beforeAll(async () => {
    const build = await runCli(['build', '--target', 'monolith', '--config', configPath])
    expect(build.stderr).toContain('built monolith')
    expect(build.code).toBe(0)
    isolated = mkdtempSync(join(tmpdir(), 'purista-monolith-'))
    cpSync(outDir, isolated, { recursive: true })
    running.app = await startBundle(join(isolated, 'index.mjs'))
    running.base = `http://127.0.0.1:${running.app.port}`
  })
  afterAll(async () => {
    await running.app?.stop()
    if (isolated) rmSync(isolated, { recursive: true, force: true })
  })
  return running
}

describe('monolith: user-email (the product description app)', () => {
  const running = monolithOf(join(REPO, 'purista.config.ts'), join(REPO, 'dist/monolith'))

  test('register → welcome mail → get; trace id on the response and in the subscription log', async () => {
    const traceId = 'e2e-user-email-trace'
    const created = await fetch(`${running.base}/api/v1/users`, { method: 'POST', headers: { ...json, 'x-trace-id': traceId }, body: JSON.stringify({ email: 'ada@example.com', name: 'Ada' }) })
    expect(created.status).toBe(200)
    expect(created.headers.get('x-trace-id')).toBe(traceId)
    const { userId } = await created.json()
    expect(userId).toMatch(/^[0-9a-f-]{36}$/)

    const mailLog = await running.app.waitForLog((l) => l.msg === 'welcome mail sent')
    expect(mailLog).toMatchObject({ traceId, service: 'Email', target: 'sendWelcomeMail', to: 'ada@example.com' })
    const mails = await (await fetch(`${running.base}/api/v1/mails?to=ada@example.com`)).json()
    expect(mails).toEqual([{ to: 'ada@example.com', subject: 'Welcome, Ada!' }])

    const user = await fetch(`${running.base}/api/v1/users/${userId}`)
    expect(user.status).toBe(200)
    expect(await user.json()).toEqual({ userId, email: 'ada@example.com', name: 'Ada' })
  })

  test('an unknown user is a 404 problem', async () => {
    const res = await fetch(`${running.base}/api/v1/users/does-not-exist`)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not Found', detail: 'user not found', data: { userId: 'does-not-exist' } })
  })

  test('an invalid payload is a 400 naming the failing field', async () => {
    const res = await fetch(`${running.base}/api/v1/users`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'not-an-email', name: 'X' }) })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.issues).toEqual([{ path: 'email', message: 'Invalid email address' }])
  })

  test('a second registration with the same email is a 409', async () => {
    const body = JSON.stringify({ email: 'twice@example.com', name: 'T' })
    expect((await fetch(`${running.base}/api/v1/users`, { method: 'POST', headers: json, body })).status).toBe(200)
    expect((await fetch(`${running.base}/api/v1/users`, { method: 'POST', headers: json, body })).status).toBe(409)
  })

  test('health and OpenAPI are served', async () => {
    expect((await fetch(`${running.base}/healthz`)).status).toBe(200)
    const doc = await (await fetch(`${running.base}/api/openapi.json`)).json()
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/v1/mails', '/api/v1/users', '/api/v1/users/{userId}'])
  })

  test('every log line is JSON and carries its scope', () => {
    const lines = running.app.logs.filter((l) => l.msg === 'service started')
    expect(lines.map((l) => l.service).sort()).toEqual(['Email', 'User'])
    expect(running.app.logs.every((l) => typeof l.level === 'string' && typeof l.time === 'string' && l.app === 'user-email')).toBe(true)
  })
})

describe('monolith: shop (5 services)', () => {
  const running = monolithOf(join(REPO, 'fixtures/shop/purista.config.ts'), join(REPO, 'fixtures/shop/dist/monolith'))

  const post = async (path: string, body: unknown, method = 'POST', headers: Record<string, string> = {}) => {
    const res = await fetch(running.base + path, { method, headers: { ...json, ...headers }, body: JSON.stringify(body) })
    return { status: res.status, body: await res.json(), headers: res.headers }
  }

  async function seed(stock: number) {
    const { body: customer } = await post('/api/v1/customers', { name: 'Grace', email: 'grace@example.com' })
    const { body: product } = await post('/api/v1/products', { name: 'Lamp', category: 'home', priceCents: 250 })
    expect((await post(`/api/v1/stock/${product.productId}`, { quantity: stock }, 'PUT')).body).toEqual({ productId: product.productId, quantity: stock })
    return { customerId: customer.customerId as string, productId: product.productId as string }
  }

  test('an order crosses four services; the confirmation chain of events and invocations completes with one trace id', async () => {
    const { customerId, productId } = await seed(5)
    const traceId = 'e2e-shop-order'
    const order = await post('/api/v1/orders', { customerId, items: [{ productId, quantity: 2 }] }, 'POST', { 'x-trace-id': traceId })
    expect(order.status).toBe(200)
    expect(order.body.totalCents).toBe(500)
    expect(order.headers.get('x-trace-id')).toBe(traceId)

    const sent = await running.app.waitForLog((l) => l.msg === 'order confirmation sent' && l.orderId === order.body.orderId)
    expect(sent).toMatchObject({ traceId, service: 'Notification', to: 'grace@example.com' })
    // orderPlaced → sendOrderConfirmation (invokes Customer) → orderConfirmationSent → recordConfirmation (invokes Order)
    await expect.poll(async () => (await (await fetch(`${running.base}/api/v1/orders/${order.body.orderId}`)).json()).status).toBe('confirmed')
    const notifications = await (await fetch(`${running.base}/api/v1/notifications?orderId=${order.body.orderId}`)).json()
    expect(notifications).toEqual([{ kind: 'orderConfirmation', orderId: order.body.orderId, to: 'grace@example.com' }])
  })

  test('a handled error from another service keeps its status: unknown customer 404, short stock 409', async () => {
    const { productId } = await seed(1)
    const unknown = await post('/api/v1/orders', { customerId: 'nobody', items: [{ productId, quantity: 1 }] })
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ detail: 'customer not found', data: { customerId: 'nobody' } })
    const { customerId } = await seed(1)
    const short = await post('/api/v1/orders', { customerId, items: [{ productId, quantity: 3 }] })
    expect(short.status).toBe(409)
    expect(short.body).toMatchObject({ detail: 'not enough stock', data: { productId, available: 1 } })
  })

  test('selling the last item emits stockDepleted (canEmit), which notifies staff', async () => {
    const { customerId, productId } = await seed(1)
    expect((await post('/api/v1/orders', { customerId, items: [{ productId, quantity: 1 }] })).status).toBe(200)
    await expect.poll(async () => (await fetch(`${running.base}/api/v1/notifications?productId=${productId}`)).json()).toEqual([{ kind: 'stockDepleted', productId, to: 'staff' }])
  })

  test('query parameters filter and limit; invalid ones are a 400', async () => {
    await post('/api/v1/products', { name: 'Pen', category: 'office', priceCents: 100 })
    await post('/api/v1/products', { name: 'Ink', category: 'office', priceCents: 300 })
    const office = await (await fetch(`${running.base}/api/v1/products?category=office&limit=1`)).json()
    expect(office).toHaveLength(1)
    expect(office[0].category).toBe('office')
    const bad = await fetch(`${running.base}/api/v1/products?limit=1000`)
    expect(bad.status).toBe(400)
    expect((await bad.json()).issues[0].path).toBe('limit')
  })

  test('an empty order is a 400 naming items; a body over the configured 64 KB is a 413', async () => {
    const empty = await post('/api/v1/orders', { customerId: 'c', items: [] })
    expect(empty.status).toBe(400)
    expect(empty.body.issues[0].path).toBe('items')
    const big = await post('/api/v1/orders', { customerId: 'x'.repeat(70 * 1024), items: [] })
    expect(big.status).toBe(413)
  })

  test('internal commands have no route', async () => {
    expect((await fetch(`${running.base}/api/v1/reserveStock`, { method: 'POST' })).status).toBe(404)
  })
})

describe('monolith process lifecycle', () => {
  test('SIGTERM drains and exits 0 within a second', async () => {
    const app = await startBundle(join(REPO, 'dist/monolith/index.mjs'))
    const started = Date.now()
    expect(await app.stop('SIGTERM')).toBe(0)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(app.logs.some((l) => l.msg === 'SIGTERM received, draining')).toBe(true)
  })

  test('an invalid PORT stops the process with a clear message', async () => {
    await expect(startBundle(join(REPO, 'dist/monolith/index.mjs'), { PORT: 'eighty' })).rejects.toThrow('PORT must be a number between 0 and 65535, got \\"eighty\\"')
  })
})
