import { createHmac } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLI, REPO, removeProject, runCli, scratchProject, startBundle, startNode, type RunningProcess } from './helpers.ts'
import { EQUAL, strictTsconfig, typeCheck } from './strict-typecheck.ts'

/**
 * fixtures/fullexample, the acceptance app of PURISTA compatibility, on the monolith, the containers
 * over NATS and the lambda target run locally, driven by the client `purista client` generates: an
 * auth guard (401), a guard hook (403), input and output transforms, OpenAPI metadata, extendApi,
 * an optional path parameter, a subscription filtered by tenant that sees the principal and uses a
 * resource, and a secret and a config (Secrets Manager and SSM on lambda, the environment elsewhere).
 */
const CONFIG = join(REPO, 'fixtures/fullexample/purista.config.ts')
/** The secret and the config: environment variables of the processes, or of `purista start` for the local Secrets Manager and SSM. */
const STORED = { SIGNING_KEY: 'fullexample-signing-key', SITE_NAME: 'The Daily' }
const signed = (text: string) => createHmac('sha256', STORED.SIGNING_KEY).update(text).digest('hex')

const usage = `import { PuristaClient, PuristaClientError } from './client.js'
${EQUAL}

export async function usage(client: PuristaClient): Promise<void> {
  const published = await client.article.v1.publishArticle({ headline: 'Hello', text: 'first post' })
  const all = await client.article.v1.getArticles()
  const one = await client.article.v1.getArticles({ articleId: published.id })
  const publishedType: Equal<typeof published, { id: string; headline: string; author: string; signature: string; site: string }> = true
  const listType: Equal<typeof all, { articleId: string; title: string; author: string }[]> = true
  console.log(publishedType, listType, one)

  // @ts-expect-error the request is what the input transform reads, not the command's own payload
  await client.article.v1.publishArticle({ title: 'Hello', body: 'first post' })
  // @ts-expect-error the optional path parameter is a string
  await client.article.v1.getArticles({ articleId: 7 })
  await client.article.v1.publishArticle({ headline: 'x', text: 'y' }).catch((error: unknown) => {
    if (error instanceof PuristaClientError) console.log(error.status, error.detail)
  })
}
`

let clientDir: string
let Client: new (options: { baseUrl: string; headers?: Record<string, string> }) => any
let ClientError: new (...args: any[]) => Error
beforeAll(async () => {
  clientDir = scratchProject({ 'tsconfig.json': strictTsconfig({ lib: ['ES2022', 'DOM'], types: [] }), 'usage.ts': usage })
  const generated = await runCli(['client', '--config', CONFIG, '--out', join(clientDir, 'client.ts')])
  expect(generated.stderr).toBe('')
  expect(generated.code).toBe(0)
  ;({ PuristaClient: Client, PuristaClientError: ClientError } = await import(join(clientDir, 'client.ts')))
}, 60_000)
afterAll(() => clientDir && removeProject(clientDir))

test('the generated client and a usage of it compile under strict tsc; the command payload in place of the transform request does not', async () => {
  expect(await typeCheck(clientDir)).toBe('')
})

interface Running {
  base: string
  /** Every log line of the app's processes so far. */
  logs(): Record<string, any>[]
  waitForLog(predicate: (line: Record<string, any>) => boolean): Promise<Record<string, any>>
}

function scenario(app: () => Running) {
  const as = (token?: string) => new Client({ baseUrl: app().base, ...(token && { headers: { authorization: `Bearer ${token}` } }) })
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as InstanceType<typeof ClientError> & Record<string, any>)

  test('no token, or one the auth guard does not know: 401 problem+json', async () => {
    for (const token of [undefined, 'token-nobody']) {
      const error = await failure(as(token).article.v1.publishArticle({ headline: 'Hi', text: 'x' }))
      expect(error).toBeInstanceOf(ClientError)
      expect(error).toMatchObject({ status: 401, title: 'Unauthorized' })
    }
  })

  test("a principal the command's guard hook refuses: 403 with its reason", async () => {
    expect(await failure(as('token-bob').article.v1.publishArticle({ headline: 'Hi', text: 'x' }))).toMatchObject({ status: 403, detail: 'only editors publish articles' })
  })

  test("an editor: 200, the request transformed in and the answer out, signed with the secret, the config's site; the subscription of the editor's tenant sees the principal", async () => {
    // carla edits the blog: published, but the newsroom's index filters her tenant out.
    const blogPost = await as('token-carla').article.v1.publishArticle({ headline: 'Blog', text: 'elsewhere' })
    const article = await as('token-ada').article.v1.publishArticle({ headline: 'Hello', text: 'first post' })
    expect(article).toEqual({ id: expect.any(String), headline: 'Hello', author: 'ada', signature: signed('first post'), site: STORED.SITE_NAME })
    const indexed = await app().waitForLog((l) => l.msg === 'article indexed' && l.articleId === article.id)
    expect(indexed).toMatchObject({ principalId: 'ada', tenantId: 'newsroom', indexed: expect.any(Number) })
    // The blog's event was sent first; give a filter that let it through time to show it.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(app().logs().filter((l) => l.msg === 'article indexed' && l.articleId === blogPost.id)).toEqual([])
  })

  test('a public endpoint with an optional path parameter: all articles, one, or a 404 for an unknown one, without a token', async () => {
    const reader = as()
    const all = await reader.article.v1.getArticles()
    expect(all).toEqual(expect.arrayContaining([expect.objectContaining({ title: 'Hello', author: 'ada' }), expect.objectContaining({ title: 'Blog', author: 'carla' })]))
    const hello = all.find((a: { title: string }) => a.title === 'Hello')
    expect(await reader.article.v1.getArticles({ articleId: hello.articleId })).toEqual([hello])
    expect(await failure(reader.article.v1.getArticles({ articleId: 'nope' }))).toMatchObject({ status: 404, detail: 'no such article', data: { articleId: 'nope' } })
  })
}

const outDirs: string[] = []
const outDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `purista-fullexample-${name}-`))
  outDirs.push(dir)
  return dir
}
afterAll(() => outDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const running = (processes: () => RunningProcess[], entry: () => RunningProcess): Running => ({
  base: `http://127.0.0.1:${entry().port}`,
  logs: () => processes().flatMap((p) => p.logs),
  waitForLog: (predicate) => Promise.any(processes().map((p) => p.waitForLog(predicate, 15_000))),
})

describe('monolith', () => {
  let app: RunningProcess
  beforeAll(async () => {
    const dir = outDir('monolith')
    const build = await runCli(['build', '--target', 'monolith', '--config', CONFIG, '--out-dir', dir])
    expect(build.code, build.stderr).toBe(0)
    // Secrets Manager and SSM are the lambda target's: the monolith reads the environment, and says so.
    expect(build.stdout + build.stderr).toContain("stores.secret: 'aws-secrets-manager' (Secrets Manager) is read on the lambda target only")
    app = await startBundle(join(dir, 'monolith', 'index.mjs'), STORED)
  }, 60_000)
  afterAll(() => app?.stop())
  scenario(() => running(() => [app], () => app))

  test('/api/openapi.json has the OpenAPI metadata, the security, the transforms and extendApi', async () => {
    const doc = await (await fetch(`http://127.0.0.1:${app.port}/api/openapi.json`)).json()
    const publish = doc.paths['/api/v1/articles'].post
    expect(publish).toMatchObject({ tags: ['articles'], summary: 'publish an article', operationId: 'publishArticle', security: [{ authGuard: [] }] })
    expect(Object.keys(publish.responses)).toEqual(expect.arrayContaining(['200', '401', '403']))
    expect(publish.requestBody.content['application/json'].schema).toMatchObject({ title: 'an article to publish', properties: { headline: { type: 'string' }, text: { type: 'string' } } })
    expect(publish.responses['200'].content['application/json'].schema).toMatchObject({ title: 'the published article', properties: { site: { type: 'string' } } })
    expect(doc.paths['/api/v1/articles/{articleId}'].get).toMatchObject({ tags: ['articles'], security: [] })
  })
})

describe('containers over nats, the gateway authenticating', () => {
  const processes: RunningProcess[] = []
  let gateway: RunningProcess
  beforeAll(async () => {
    const dir = join(outDir('containers'), 'containers')
    expect((await runCli(['build', '--target', 'containers', '--broker', 'nats', '--config', CONFIG, '--out-dir', join(dir, '..')])).code).toBe(0)
    for (const name of readdirSync(dir).filter((n) => n !== 'gateway' && existsSync(join(dir, n, 'index.mjs')))) processes.push(await startBundle(join(dir, name, 'index.mjs'), STORED))
    gateway = await startBundle(join(dir, 'gateway', 'index.mjs'))
    processes.push(gateway)
  }, 60_000)
  afterAll(() => Promise.all(processes.map((p) => p.stop())))
  scenario(() => running(() => processes, () => gateway))
})

describe('lambda, run locally: the secret and the config through the AWS SDK from the local Secrets Manager and SSM', () => {
  let app: RunningProcess
  beforeAll(async () => {
    app = await startNode([CLI, 'start', '--target', 'lambda', '--config', CONFIG, '--out-dir', outDir('lambda')], STORED, /listening on http:\/\/127\.0\.0\.1:(\d+)/)
  }, 120_000)
  afterAll(() => app?.stop())
  scenario(() => running(() => [app], () => app))
})
