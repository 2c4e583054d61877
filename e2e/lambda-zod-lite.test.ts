import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { toIssue } from '../runtime/core/schema.ts'
import { STATE_TABLE_VARIABLE } from '../runtime/stores/dynamodb-table.ts'
import { EVENT_BUS_VARIABLE } from '../targets/lambda/runtime/names.ts'
import { registerNewUser } from '../fixtures/user-email/src/service/user/v1/command/registerNewUser/registerNewUser.ts'
import { REPO, removeProject, runCli, scratchProject } from './helpers.ts'

/*
 * The user-email functions use only what zod-lite has of zod, so the lambda build gives them
 * zod-lite instead of zod's classic build; a function whose code refines a schema keeps zod.
 */
const FUNCTIONS = ['User-v1-getUser', 'User-v1-registerNewUser', 'Email-v1-listSentMails', 'Email-v1-sendWelcomeMail']
// A name only zod's classic build holds (zod-lite has no ISO date-time schema): present iff it was bundled.
const CLASSIC_ZOD = '"ZodISODateTime"'

const scripts = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.mjs')).map((e) => join(e.parentPath, e.name))
const carriesClassicZod = (dir: string) => scripts(dir).some((file) => readFileSync(file, 'utf8').includes(CLASSIC_ZOD))

const postUsers = (body: unknown) => ({
  version: '2.0',
  routeKey: 'POST /api/v1/users',
  rawPath: '/api/v1/users',
  rawQueryString: '',
  headers: { 'content-type': 'application/json', 'x-trace-id': 'lite' },
  requestContext: { http: { method: 'POST', path: '/api/v1/users' }, requestId: 'r', routeKey: 'POST /api/v1/users', stage: '$default', timeEpoch: 0 },
  isBase64Encoded: false,
  body: JSON.stringify(body),
})

describe('the user-email lambda build', () => {
  let outDir: string
  beforeAll(async () => {
    mkdirSync(join(REPO, '.purista-tmp'), { recursive: true })
    // Inside the repository: a function imported here finds the AWS SDK in its node_modules, as on Lambda.
    outDir = mkdtempSync(join(REPO, '.purista-tmp', 'zod-lite-'))
    const built = await runCli(['build', '--target', 'lambda', '--out-dir', outDir, '--no-typecheck'])
    expect(built.code, built.stderr).toBe(0)
  }, 120_000)
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  test('no function carries zod classic', () => {
    for (const fn of FUNCTIONS) {
      const dir = join(outDir, 'lambda/functions', fn)
      expect(carriesClassicZod(dir), fn).toBe(false)
      // ~75 KB of its own and the AWS SDK clients it uses (330-400 KB); zod classic would add ~440 KB.
      const bytes = scripts(dir).reduce((sum, file) => sum + statSync(file).size, 0)
      expect(bytes, fn).toBeLessThan(520_000)
    }
  })

  test('an invalid payload gets the 400 issue list the monolith gives: zod\'s own issues for the same schema', async () => {
    // Made at init, never reached: the payload is refused before the command runs.
    Object.assign(process.env, { [STATE_TABLE_VARIABLE]: 'state', [EVENT_BUS_VARIABLE]: 'bus', AWS_REGION: 'us-east-1' })
    const { handler } = await import(pathToFileURL(join(outDir, 'lambda/functions/User-v1-registerNewUser/index.mjs')).href)
    for (const payload of [{ email: 'not-an-email', name: '' }, { name: 3 }, {}, [], 'text']) {
      const answer = await handler(postUsers(payload), { awsRequestId: 'r', getRemainingTimeInMillis: () => 3000 })
      expect(answer.statusCode, JSON.stringify(payload)).toBe(400)
      const expected = registerNewUser.getDefinition().payloadSchema!['~standard'].validate(payload) as { issues: Parameters<typeof toIssue>[0][] }
      expect(JSON.parse(answer.body).issues, JSON.stringify(payload)).toStrictEqual(expected.issues.map(toIssue))
    }
  })
})

test('a function whose code refines a schema keeps zod; the others of its app get zod-lite', async () => {
  const project = scratchProject({
    'purista.config.ts': `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'refined', src: 'src' })\n`,
    'src/builder.ts': `import { ServiceBuilder } from 'purista'\nexport const builder = new ServiceBuilder({ serviceName: 'Shop', serviceVersion: '1', serviceDescription: 'x' })\n`,
    'src/plain.ts': [
      `import { z } from 'zod'`,
      `import { builder } from './builder.js'`,
      `export const plain = builder.getCommandBuilder('plain', 'x').addPayloadSchema(z.object({ n: z.number().int() })).exposeAsHttpEndpoint('POST', 'plain').setCommandFunction(async (_c, p) => p)`,
    ].join('\n'),
    'src/refined.ts': [
      `import { z } from 'zod'`,
      `import { builder } from './builder.js'`,
      `export const refined = builder.getCommandBuilder('refined', 'x').addPayloadSchema(z.object({ n: z.number().refine((n) => n % 2 === 0, 'even') })).exposeAsHttpEndpoint('POST', 'refined').setCommandFunction(async (_c, p) => p)`,
    ].join('\n'),
    'src/service.ts': `import { builder } from './builder.js'\nimport { plain } from './plain.js'\nimport { refined } from './refined.js'\nexport const shopService = builder.addCommandDefinition(plain.getDefinition(), refined.getDefinition())\n`,
  })
  try {
    const built = await runCli(['build', '--target', 'lambda', '--no-typecheck', '--config', join(project, 'purista.config.ts'), '--out-dir', join(project, 'dist')])
    expect(built.code, built.stderr).toBe(0)
    expect(carriesClassicZod(join(project, 'dist/lambda/functions/Shop-v1-refined'))).toBe(true)
    expect(carriesClassicZod(join(project, 'dist/lambda/functions/Shop-v1-plain'))).toBe(false)
    // targets.lambda.zodLite: false is the way out for code the check cannot see through.
    writeFileSync(join(project, 'purista.config.ts'), `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'refined', src: 'src', targets: { lambda: { zodLite: false } } })\n`)
    const withZod = await runCli(['build', '--target', 'lambda', '--no-typecheck', '--config', join(project, 'purista.config.ts'), '--out-dir', join(project, 'dist')])
    expect(withZod.code, withZod.stderr).toBe(0)
    expect(carriesClassicZod(join(project, 'dist/lambda/functions/Shop-v1-plain'))).toBe(true)
  } finally {
    removeProject(project)
  }
}, 120_000)
