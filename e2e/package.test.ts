import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { REPO, startNode } from './helpers.ts'

/*
 * purista as a team gets it: `npm pack` of this repository, installed into an empty project outside
 * it (nothing above it resolves to this checkout), then the commands a new user runs, each through
 * the installed bin. Needs the npm registry for the project's own dependencies (zod, vitest, typescript).
 */

interface Run {
  code: number
  stdout: string
  stderr: string
}

const run = (command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> =>
  new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', CI: '', ...env }, maxBuffer: 32 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })

const ok = async (result: Promise<Run>): Promise<Run> => {
  const done = await result
  expect(done.code, `${done.stdout}\n${done.stderr}`).toBe(0)
  return done
}

let work: string
let project: string
let tarball: { filename: string; files: { path: string }[] }
const purista = (...args: string[]) => run(join(project, 'node_modules/.bin/purista'), args, project)

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'purista-package-'))
  project = join(work, 'my-app')
  const packed = await ok(run('npm', ['pack', '--json', '--pack-destination', work], REPO))
  tarball = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0]
}, 120_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the published package, in a new project', () => {
  test('the tarball holds the built package: JavaScript and declarations, no sources, tests, fixtures, bench or CI', () => {
    const files = tarball.files.map((f) => f.path)
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'lib/cli/main.js', 'lib/runtime/index.js', 'lib/runtime/index.d.ts', 'lib/compiler/config/define-config.d.ts', 'lib/targets/lambda/cdk/stack.mjs']))
    expect(files.filter((f) => !f.startsWith('lib/') && f !== 'package.json' && f !== 'README.md')).toEqual([])
    expect(files.filter((f) => /\.test\.|(^|\/)(fixtures|bench|e2e|\.ci)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([])
  })

  test('npm install purista zod in an empty project, then purista init and add', async () => {
    await ok(run('mkdir', ['-p', project], work))
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-app', version: '1.0.0', private: true }, null, 2))
    await ok(run('npm', ['install', '--no-audit', '--no-fund', join(work, tarball.filename), 'zod'], project))
    // Only what the runtime and the build need: no CDK, no broker clients, no Docker client.
    const installed = readdirSync(join(project, 'node_modules'))
    for (const heavy of ['aws-cdk-lib', 'nats', 'amqplib', 'redis', 'dockerode', 'dynalite', 'tsx']) expect(installed).not.toContain(heavy)

    const help = await ok(purista('--help'))
    expect(help.stdout).toMatch(/Usage: purista/)
    const init = await ok(purista('init', '.', '--service', 'todo'))
    expect(init.stdout + init.stderr).toContain('purista.config.ts')
    const added = await ok(purista('add', 'command', 'archiveTodo', '--service', 'todo', '--http', 'POST:todos/archive'))
    expect(added.stdout + added.stderr).toMatch(/archiveTodo/)
  }, 300_000)

  test("the new project's own tests and strict type-check pass against the published types", async () => {
    const tested = await ok(run('npm', ['test'], project))
    expect(tested.stdout).toMatch(/Tests\s+\d+ passed/)
    await ok(run('npx', ['tsc', '--noEmit', '-p', '.'], project))
    // The same sources under moduleResolution bundler, checking purista's declarations too (no skipLibCheck).
    writeFileSync(join(project, 'tsconfig.bundler.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { module: 'preserve', moduleResolution: 'bundler', skipLibCheck: false, strict: true, noEmit: true } }))
    await ok(run('npx', ['tsc', '-p', 'tsconfig.bundler.json'], project))
  }, 300_000)

  test('builds for every target; a package the project lacks is named with its npm command', async () => {
    const monolith = await ok(purista('build', '--target', 'monolith'))
    expect(monolith.stderr).toMatch(/built monolith/)
    // The functions bundle the AWS SDK clients they use: the build names them.
    const withoutSdk = await purista('build', '--target', 'lambda')
    expect(withoutSdk.code).toBe(1)
    const sdk = /hint: (npm install @aws-sdk\/\S+.*)$/m.exec(withoutSdk.stderr)
    expect(sdk, withoutSdk.stderr).not.toBeNull()
    await ok(run('sh', ['-c', `${sdk![1]} --no-audit --no-fund`], project))
    const lambda = await ok(purista('build', '--target', 'lambda'))
    expect(lambda.stderr).toMatch(/built lambda/)

    const withoutBroker = await purista('build', '--target', 'containers')
    expect(withoutBroker.code).toBe(1)
    expect(withoutBroker.stderr).toMatch(/missing-package/)
    expect(withoutBroker.stderr).toMatch(/npm install nats@\S+ redis@\S+/)
    await ok(run('npm', ['install', '--no-audit', '--no-fund', 'nats', 'redis'], project))
    const containers = await ok(purista('build', '--target', 'containers'))
    expect(containers.stderr).toMatch(/built containers/)

    const withoutAzure = await purista('build', '--target', 'azure')
    expect(withoutAzure.code).toBe(1)
    const install = /hint: (npm install @azure\/functions@\S+.*)$/m.exec(withoutAzure.stderr)
    expect(install, withoutAzure.stderr).not.toBeNull()
    await ok(run('sh', ['-c', `${install![1]} --no-audit --no-fund`], project))
    const azure = await ok(purista('build', '--target', 'azure'))
    expect(azure.stderr).toMatch(/built azure/)

    // No bundle loads tsx: the package runs built JavaScript, and so does what it builds.
    const bundles = readdirSync(join(project, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'))
    expect(bundles.length).toBeGreaterThan(5)
    expect(bundles.filter((file) => /["']tsx(\/[^"']*)?["']/.test(readFileSync(join(project, 'dist', file), 'utf8')))).toEqual([])
  }, 300_000)

  test('the built monolith serves the generated and the added command with plain node', async () => {
    const app = await startNode([join(project, 'dist/monolith/index.mjs')])
    try {
      const base = `http://127.0.0.1:${app.port}/api/v1`
      const greeted = await fetch(`${base}/greetings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ada' }) })
      expect(greeted.status).toBe(200)
      expect(await greeted.json()).toEqual({ greeting: 'Hello, Ada!', count: 1 })
      const invalid = await fetch(`${base}/greetings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      expect(invalid.status).toBe(400)
      expect(invalid.headers.get('content-type')).toBe('application/problem+json')
      const archived = await fetch(`${base}/todos/archive`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
      expect(archived.status).toBe(200)
    } finally {
      await app.stop()
    }
  }, 60_000)

  test('purista dev serves the project from the installed package', async () => {
    const dev = await startNode([join(project, 'node_modules/.bin/purista'), 'dev', '--port', '0', '--config', join(project, 'purista.config.ts')])
    try {
      const greeted = await fetch(`http://127.0.0.1:${dev.port}/api/v1/greetings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Grace' }) })
      expect(await greeted.json()).toMatchObject({ greeting: 'Hello, Grace!' })
    } finally {
      expect(await dev.stop()).toBe(0)
    }
  }, 60_000)
})
