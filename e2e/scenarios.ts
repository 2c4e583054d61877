/**
 * The end-to-end scenarios of both fixtures, written once and run against every shape the app is
 * built into: the monolith, and the containers behind their gateway on each broker.
 */
import { randomBytes } from 'node:crypto'
import { expect, test } from 'vitest'

export interface AppUnderTest {
  base: string
  /** Resolves with the first log line, from any of the app's processes, that matches. */
  waitForLog(predicate: (line: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>
}

const json = { 'content-type': 'application/json' }
/** State may outlive a run (Redis): every run uses names of its own. */
const unique = () => randomBytes(4).toString('hex')

export function userEmailScenarios(app: () => AppUnderTest) {
  test('register → welcome mail → get; trace id on the response and in the subscription log', async () => {
    const { base, waitForLog } = app()
    const email = `ada-${unique()}@example.com`
    const traceId = `e2e-user-email-${unique()}`
    const created = await fetch(`${base}/api/v1/users`, { method: 'POST', headers: { ...json, 'x-trace-id': traceId }, body: JSON.stringify({ email, name: 'Ada' }) })
    expect(created.status).toBe(200)
    expect(created.headers.get('x-trace-id')).toBe(traceId)
    const { userId } = await created.json()
    expect(userId).toMatch(/^[0-9a-f-]{36}$/)

    const mailLog = await waitForLog((l) => l.msg === 'welcome mail sent' && l.to === email)
    expect(mailLog).toMatchObject({ traceId, service: 'Email', target: 'sendWelcomeMail' })
    const mails = await (await fetch(`${base}/api/v1/mails?to=${email}`)).json()
    expect(mails).toEqual([{ to: email, subject: 'Welcome, Ada!' }])

    const user = await fetch(`${base}/api/v1/users/${userId}`)
    expect(user.status).toBe(200)
    expect(await user.json()).toEqual({ userId, email, name: 'Ada' })
  })

  test('an unknown user is a 404 problem', async () => {
    const res = await fetch(`${app().base}/api/v1/users/does-not-exist`)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not Found', detail: 'user not found', data: { userId: 'does-not-exist' } })
  })

  test('an invalid payload is a 400 naming the failing field', async () => {
    const res = await fetch(`${app().base}/api/v1/users`, { method: 'POST', headers: json, body: JSON.stringify({ email: 'not-an-email', name: 'X' }) })
    expect(res.status).toBe(400)
    expect((await res.json()).issues).toEqual([{ path: 'email', message: 'Invalid email address' }])
  })

  test('a second registration with the same email is a 409', async () => {
    const body = JSON.stringify({ email: `twice-${unique()}@example.com`, name: 'T' })
    expect((await fetch(`${app().base}/api/v1/users`, { method: 'POST', headers: json, body })).status).toBe(200)
    expect((await fetch(`${app().base}/api/v1/users`, { method: 'POST', headers: json, body })).status).toBe(409)
  })

  test('health and OpenAPI are served', async () => {
    expect((await fetch(`${app().base}/healthz`)).status).toBe(200)
    const doc = await (await fetch(`${app().base}/api/openapi.json`)).json()
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/v1/mails', '/api/v1/users', '/api/v1/users/{userId}'])
  })
}

export function shopScenarios(app: () => AppUnderTest) {
  const post = async (path: string, body: unknown, method = 'POST', headers: Record<string, string> = {}) => {
    const res = await fetch(app().base + path, { method, headers: { ...json, ...headers }, body: JSON.stringify(body) })
    return { status: res.status, body: await res.json(), headers: res.headers }
  }
  const get = async (path: string) => (await fetch(app().base + path)).json()

  async function seed(stock: number) {
    const { body: customer } = await post('/api/v1/customers', { name: 'Grace', email: `grace-${unique()}@example.com` })
    const { body: product } = await post('/api/v1/products', { name: 'Lamp', category: `home-${unique()}`, priceCents: 250 })
    expect((await post(`/api/v1/stock/${product.productId}`, { quantity: stock }, 'PUT')).body).toEqual({ productId: product.productId, quantity: stock })
    return { customerId: customer.customerId as string, productId: product.productId as string }
  }

  test('an order crosses four services; the confirmation chain of events and invocations completes with one trace id', async () => {
    const { customerId, productId } = await seed(5)
    const traceId = `e2e-shop-${unique()}`
    const order = await post('/api/v1/orders', { customerId, items: [{ productId, quantity: 2 }] }, 'POST', { 'x-trace-id': traceId })
    expect(order.status).toBe(200)
    expect(order.body.totalCents).toBe(500)
    expect(order.headers.get('x-trace-id')).toBe(traceId)

    const sent = await app().waitForLog((l) => l.msg === 'order confirmation sent' && l.orderId === order.body.orderId)
    expect(sent).toMatchObject({ traceId, service: 'Notification' })
    // orderPlaced → sendOrderConfirmation (invokes Customer) → orderConfirmationSent → recordConfirmation (invokes Order)
    await expect.poll(async () => (await get(`/api/v1/orders/${order.body.orderId}`)).status, { timeout: 5_000 }).toBe('confirmed')
    const notifications = await get(`/api/v1/notifications?orderId=${order.body.orderId}`)
    expect(notifications).toEqual([{ kind: 'orderConfirmation', orderId: order.body.orderId, to: sent.to }])
  })

  test('a handled error from another service keeps its status: unknown customer 404, short stock 409', async () => {
    const { productId } = await seed(1)
    const unknownCustomer = await post('/api/v1/orders', { customerId: 'nobody', items: [{ productId, quantity: 1 }] })
    expect(unknownCustomer.status).toBe(404)
    expect(unknownCustomer.body).toMatchObject({ detail: 'customer not found', data: { customerId: 'nobody' } })
    const { customerId } = await seed(1)
    const short = await post('/api/v1/orders', { customerId, items: [{ productId, quantity: 3 }] })
    expect(short.status).toBe(409)
    expect(short.body).toMatchObject({ detail: 'not enough stock', data: { productId, available: 1 } })
  })

  test('selling the last item emits stockDepleted (canEmit), which notifies staff', async () => {
    const { customerId, productId } = await seed(1)
    expect((await post('/api/v1/orders', { customerId, items: [{ productId, quantity: 1 }] })).status).toBe(200)
    await expect.poll(() => get(`/api/v1/notifications?productId=${productId}`), { timeout: 5_000 }).toEqual([{ kind: 'stockDepleted', productId, to: 'staff' }])
  })

  test('query parameters filter and limit; invalid ones are a 400', async () => {
    const category = `office-${unique()}`
    await post('/api/v1/products', { name: 'Pen', category, priceCents: 100 })
    await post('/api/v1/products', { name: 'Ink', category, priceCents: 300 })
    const office = await get(`/api/v1/products?category=${category}&limit=1`)
    expect(office).toHaveLength(1)
    expect(office[0].category).toBe(category)
    const bad = await fetch(`${app().base}/api/v1/products?limit=1000`)
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
    expect((await fetch(`${app().base}/api/v1/reserveStock`, { method: 'POST' })).status).toBe(404)
  })
}
