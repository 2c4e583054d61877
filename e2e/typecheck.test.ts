import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { TSBUILDINFO } from '../compiler/typecheck/typecheck.ts'
import { positionOf, removeProject, runCli, scratchProject } from './helpers.ts'

/** A small app with a tsconfig.json: typescript resolves from the repository's node_modules, as a user's own install would. */
const app = (commandFunction: string): Record<string, string> => ({
  'purista.config.ts': `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'typed', src: 'src' })\n`,
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], paths: { purista: ['../../runtime/index.ts'] }, allowImportingTsExtensions: true }, include: ['src'] }),
  'src/builder.ts': `import { ServiceBuilder } from 'purista'\nexport const svcBuilder = new ServiceBuilder({ serviceName: 'Svc', serviceVersion: '1', serviceDescription: 'x' })\n`,
  'src/ping.ts': `import { svcBuilder } from './builder.js'
export const ping = svcBuilder
  .getCommandBuilder('ping', 'answers')
  .exposeAsHttpEndpoint('GET', 'ping')
  .setCommandFunction(${commandFunction})
`,
  'src/service.ts': `import { svcBuilder } from './builder.js'\nimport { ping } from './ping.js'\nexport const svc = svcBuilder.addCommandDefinition(ping.getDefinition())\n`,
})

const projects: string[] = []
afterAll(() => projects.forEach(removeProject))

describe("purista build type-checks the project with the project's TypeScript", () => {
  test('a type error is a diagnostic at its position, and dist/ is not written', async () => {
    const dir = scratchProject(app("async function (context) {\n    await context.emit('undeclared', {})\n    return 'pong'\n  }"))
    projects.push(dir)
    const result = await runCli(['build', '--config', join(dir, 'purista.config.ts'), '--json'])
    const report = JSON.parse(result.stdout)
    const where = positionOf(readFileSync(join(dir, 'src/ping.ts'), 'utf8'), "'undeclared'")
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'type-error', file: 'src/ping.ts', line: where.line, column: where.column }))
    expect(report.typecheck).toMatchObject({ ran: true, typescriptVersion: expect.stringMatching(/^5\./) })
    expect(result.code).toBe(1)
    expect(existsSync(join(dir, 'dist'))).toBe(false)
    // The next check starts from what this one learned.
    expect(existsSync(join(dir, TSBUILDINFO))).toBe(true)
  }, 120_000)

  test('--no-typecheck skips it and says so; a well-typed app builds with the check reported', async () => {
    const broken = scratchProject(app("async function (context) {\n    await context.emit('undeclared', {})\n    return 'pong'\n  }"))
    const typed = scratchProject(app("async () => 'pong'"))
    projects.push(broken, typed)
    const skipped = await runCli(['build', '--config', join(broken, 'purista.config.ts'), '--no-typecheck', '--json'])
    expect(JSON.parse(skipped.stdout).typecheck).toEqual({ ran: false, reason: '--no-typecheck' })
    expect(skipped.code).toBe(0)

    const checked = await runCli(['build', '--config', join(typed, 'purista.config.ts')])
    expect(checked.stderr).toMatch(/typecheck +TypeScript 5\.\d+\.\d+: 0 errors, tsc took \d+ ms/)
    expect(checked.code).toBe(0)
  }, 120_000)
})
