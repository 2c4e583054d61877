import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { REPO, removeProject, runCli, scratchProject, startBundle, type RunningProcess } from './helpers.ts'
import { EQUAL, strictTsconfig as tsconfig, typeCheck } from './strict-typecheck.ts'

const userEmailUsage = `import { PuristaClient, PuristaClientError, type ProblemIssue } from './client.js'
${EQUAL}

const client = new PuristaClient({ baseUrl: 'http://localhost:3000', headers: async () => ({ authorization: 'Bearer token' }) })

export async function usage(): Promise<void> {
  const registered = await client.user.v1.registerNewUser({ email: 'ada@example.com', name: 'Ada' })
  const user = await client.user.v1.getUser({ userId: registered.userId }, { headers: { 'x-trace-id': 'mine' } })
  const mails = await client.email.v1.listSentMails({ to: user.email })
  const registeredType: Equal<typeof registered, { userId: string }> = true
  const userType: Equal<typeof user, { userId: string; email: string; name: string }> = true
  const mailsType: Equal<typeof mails, { to: string; subject: string }[]> = true
  console.log(registeredType, userType, mailsType)

  // @ts-expect-error a payload field the schema does not have
  await client.user.v1.registerNewUser({ email: 'ada@example.com', name: 'Ada', age: 36 })
  // @ts-expect-error a required payload field left out
  await client.user.v1.registerNewUser({ email: 'ada@example.com' })
  // @ts-expect-error the path parameter is required
  await client.user.v1.getUser()
  // @ts-expect-error a number where the schema says string
  await client.user.v1.getUser({ userId: 7 })

  try {
    await client.user.v1.getUser({ userId: 'nobody' })
  } catch (error) {
    if (!(error instanceof PuristaClientError)) throw error
    const status: number = error.status
    const issues: ProblemIssue[] | undefined = error.issues
    const traceId: string | undefined = error.traceId
    console.log(status, error.title, error.detail, error.data, issues, traceId)
  }
}
`

const shopUsage = `import { PuristaClient } from './client.js'
${EQUAL}

const client = new PuristaClient({ fetch: (input, init) => fetch(input, init) })

export async function usage(): Promise<void> {
  const products = await client.catalog.v1.listProducts({ category: 'home', limit: 5 })
  await client.catalog.v1.listProducts()
  const product = await client.catalog.v1.getProduct({ productId: products[0]!.productId })
  const stock = await client.inventory.v1.setStock({ quantity: 3 }, { productId: product.productId })
  const productType: Equal<typeof product, { productId: string; name: string; category: string; priceCents: number }> = true
  const stockType: Equal<typeof stock, { productId: string; quantity: number }> = true
  console.log(productType, stockType)

  // @ts-expect-error a query parameter the command does not declare
  await client.catalog.v1.listProducts({ page: 2 })
  // @ts-expect-error limit is a number
  await client.catalog.v1.listProducts({ limit: '5' })
  // @ts-expect-error setStock needs the productId of its path
  await client.inventory.v1.setStock({ quantity: 3 })
}
`

describe('purista client: user-email', () => {
  let dir: string
  let isolated: string
  let app: RunningProcess
  let generated: any
  beforeAll(async () => {
    dir = scratchProject({ 'tsconfig.json': tsconfig({ lib: ['ES2022'], types: ['node'] }), 'usage.ts': userEmailUsage })
    isolated = mkdtempSync(join(tmpdir(), 'purista-client-monolith-'))
    const [client, build] = await Promise.all([
      runCli(['client', '--config', join(REPO, 'purista.config.ts'), '--out', join(dir, 'client.ts')]),
      runCli(['build', '--target', 'monolith', '--config', join(REPO, 'purista.config.ts'), '--out-dir', isolated]),
    ])
    expect(client.stderr).toBe('')
    expect(client.code).toBe(0)
    expect(build.code).toBe(0)
    app = await startBundle(join(isolated, 'monolith', 'index.mjs'))
    generated = await import(join(dir, 'client.ts'))
  })
  afterAll(async () => {
    await app?.stop()
    if (isolated) rmSync(isolated, { recursive: true, force: true })
    if (dir) removeProject(dir)
  })

  test('the generated client and a usage of it compile under strict tsc; wrong payloads and parameters do not', async () => {
    expect(await typeCheck(dir)).toBe('')
  })

  test('register, then get the user back, with the generated client against the running monolith', async () => {
    const client = new generated.PuristaClient({ baseUrl: `http://127.0.0.1:${app.port}` })
    const email = `client-${Date.now()}@example.com`
    const { userId } = await client.user.v1.registerNewUser({ email, name: 'Ada' })
    expect(await client.user.v1.getUser({ userId })).toEqual({ userId, email, name: 'Ada' })
  })

  test('an unknown user is a PuristaClientError with status 404, the detail and data of the problem, and the trace id', async () => {
    const client = new generated.PuristaClient({ baseUrl: `http://127.0.0.1:${app.port}`, headers: { 'x-trace-id': 'client-404' } })
    const error = await client.user.v1.getUser({ userId: 'nobody' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(generated.PuristaClientError)
    expect(error).toMatchObject({ status: 404, title: 'Not Found', detail: 'user not found', data: { userId: 'nobody' }, traceId: 'client-404' })
  })

  test('an invalid payload is a 400 PuristaClientError naming the failing field', async () => {
    const client = new generated.PuristaClient({ baseUrl: `http://127.0.0.1:${app.port}` })
    const error = await client.user.v1.registerNewUser({ email: 'not-an-email', name: 'X' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 400, issues: [{ path: 'email', message: 'Invalid email address' }] })
  })
})

describe('purista client: shop (path and query parameters)', () => {
  let dir: string
  afterAll(() => dir && removeProject(dir))

  test('compiles for a browser (DOM, no node types) together with a usage of its parameters', async () => {
    dir = scratchProject({ 'tsconfig.json': tsconfig({ lib: ['ES2022', 'DOM'], types: [] }), 'usage.ts': shopUsage })
    const client = await runCli(['client', '--config', join(REPO, 'fixtures/shop/purista.config.ts'), '--out', join(dir, 'client.ts')])
    expect(client.code).toBe(0)
    expect(await typeCheck(dir)).toBe('')
  })
})
