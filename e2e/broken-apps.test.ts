import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { positionOf, removeProject, runCli, scratchProject } from './helpers.ts'

/** A small working app; every case below breaks it in one way. */
const base: Record<string, string> = {
  'purista.config.ts': `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'broken', src: 'src' })\n`,
  'src/builder.ts': `import { ServiceBuilder } from 'purista'\nexport const svcBuilder = new ServiceBuilder({ serviceName: 'Svc', serviceVersion: '1', serviceDescription: 'x' })\n`,
  'src/ping.ts': `import { svcBuilder } from './builder.js'
export const ping = svcBuilder
  .getCommandBuilder('ping', 'answers')
  .exposeAsHttpEndpoint('GET', 'ping')
  .setSuccessEventName('pinged')
  .setCommandFunction(async () => 'pong')
`,
  'src/onPing.ts': `import { svcBuilder } from './builder.js'
export const onPing = svcBuilder
  .getSubscriptionBuilder('onPing', 'listens')
  .subscribeToEvent('pinged')
  .setSubscriptionFunction(async () => {})
`,
  'src/service.ts': `import { svcBuilder } from './builder.js'
import { ping } from './ping.js'
import { onPing } from './onPing.js'
export const svc = svcBuilder.addCommandDefinition(ping.getDefinition()).addSubscriptionDefinition(onPing.getDefinition())
`,
}

const command = (name: string, extra = '', route = `.exposeAsHttpEndpoint('GET', '${name}')`) => `import { svcBuilder } from './builder.js'
export const ${name} = svcBuilder
  .getCommandBuilder('${name}', 'x')
  ${route}${extra}
  .setCommandFunction(async () => 'ok')
`

interface Case {
  name: string
  files: Record<string, string | null>
  code: string
  /** Where the diagnostic must point: a file and the text it must start at. */
  at: { file: string; text: string } | { file: string; line: number; column: number }
  /** monolith unless the case is about another target's names. */
  target?: 'monolith' | 'containers' | 'lambda' | 'azure'
  /** Text the diagnostic's message holds, where the code alone does not say what went wrong. */
  says?: string
}

/** The base service with its command and subscription files replaced by these, all added to it. */
const serviceOf = (commands: string[], subscriptions: string[] = ['onPing']) => `import { svcBuilder } from './builder.js'
${[...commands, ...subscriptions].map((n) => `import { ${n} } from './${n}.js'`).join('\n')}
export const svc = svcBuilder.addCommandDefinition(${commands.map((n) => `${n}.getDefinition()`).join(', ')}).addSubscriptionDefinition(${subscriptions.map((n) => `${n}.getDefinition()`).join(', ')})
`
/** A command whose name is not a valid identifier: the file and const are `exportAs`. */
const namedCommand = (exportAs: string, name: string) => command(exportAs, '', `.exposeAsHttpEndpoint('GET', '${exportAs}')`).replace(`getCommandBuilder('${exportAs}'`, `getCommandBuilder('${name}'`)
const LONG_NAME = 'registerANewUserAndSendThemAWelcomeMailOnceTheirAddressIsConfirmedByTheLink'

const cases: Case[] = [
  {
    name: 'a syntax error',
    files: { 'src/ping.ts': base['src/ping.ts']!.replace(".setCommandFunction(async () => 'pong')", ".setCommandFunction(async () => 'pong'") },
    code: 'syntax-error',
    at: { file: 'src/ping.ts', line: 7, column: 1 }, // the end of the file, where the `)` is missing
  },
  {
    name: "a command file that does not export the builder the service adds",
    files: { 'src/ping.ts': base['src/ping.ts']!.replace('export const ping', 'const ping') },
    code: 'not-exported',
    at: { file: 'src/service.ts', text: 'ping.getDefinition()' },
    says: 'src/ping.ts does not export "ping"',
  },
  {
    name: 'a builder added without .getDefinition()',
    files: { 'src/service.ts': base['src/service.ts']!.replace('addCommandDefinition(ping.getDefinition())', 'addCommandDefinition(ping)') },
    code: 'not-static',
    at: { file: 'src/service.ts', text: 'ping)' },
    says: "this is the command's builder, not its definition",
  },
  {
    name: 'a command name computed at run time',
    files: { 'src/ping.ts': base['src/ping.ts']!.replace("getCommandBuilder('ping', 'answers')", "getCommandBuilder(makeName(), 'answers')").replace('export const', 'const makeName = () => "ping"\nexport const') },
    code: 'not-static',
    at: { file: 'src/ping.ts', text: 'makeName(),' },
  },
  {
    name: 'a service name from the environment',
    files: { 'src/builder.ts': base['src/builder.ts']!.replace("serviceName: 'Svc'", 'serviceName: process.env.NAME') },
    code: 'not-static',
    at: { file: 'src/builder.ts', text: '{ serviceName' },
  },
  {
    name: 'two commands with one name',
    files: {
      'src/again.ts': command('again').replace("getCommandBuilder('again'", "getCommandBuilder('ping'"),
      'src/service.ts': base['src/service.ts']!.replace("import { ping } from './ping.js'", "import { ping } from './ping.js'\nimport { again } from './again.js'").replace('ping.getDefinition()', 'ping.getDefinition(), again.getDefinition()'),
    },
    code: 'duplicate-command',
    at: { file: 'src/again.ts', text: "getCommandBuilder('ping'" },
  },
  {
    name: 'two commands on one route',
    files: {
      'src/pong.ts': command('pong', '', ".exposeAsHttpEndpoint('GET', 'ping')"),
      'src/service.ts': base['src/service.ts']!.replace("import { ping } from './ping.js'", "import { ping } from './ping.js'\nimport { pong } from './pong.js'").replace('ping.getDefinition()', 'ping.getDefinition(), pong.getDefinition()'),
    },
    code: 'duplicate-route',
    at: { file: 'src/pong.ts', text: "exposeAsHttpEndpoint('GET', 'ping')" },
  },
  {
    name: 'two routes that differ only in parameter names',
    files: {
      'src/a.ts': command('a', '', ".exposeAsHttpEndpoint('GET', 'items/:id')"),
      'src/b.ts': command('b', '', ".exposeAsHttpEndpoint('GET', 'items/:itemId')"),
      'src/service.ts': `import { svcBuilder } from './builder.js'\nimport { a } from './a.js'\nimport { b } from './b.js'\nexport const svc = svcBuilder.addCommandDefinition(a.getDefinition(), b.getDefinition())\n`,
    },
    code: 'duplicate-route',
    at: { file: 'src/b.ts', text: 'exposeAsHttpEndpoint' },
  },
  {
    name: 'canInvoke of a command that does not exist',
    files: { 'src/ping.ts': base['src/ping.ts']!.replace(".setSuccessEventName('pinged')", ".setSuccessEventName('pinged')\n  .canInvoke('Svc', '1', 'pang')") },
    code: 'unknown-invoke-target',
    at: { file: 'src/ping.ts', text: "canInvoke('Svc'" },
  },
  {
    name: 'an import of a file that does not exist',
    files: { 'src/service.ts': base['src/service.ts']!.replace("'./onPing.js'", "'./onPong.js'") },
    code: 'unresolved-import',
    at: { file: 'src/service.ts', text: "'./onPong.js'" },
  },
  {
    name: 'a command without a function',
    files: { 'src/ping.ts': base['src/ping.ts']!.replace("\n  .setCommandFunction(async () => 'pong')", '') },
    code: 'missing-function',
    at: { file: 'src/ping.ts', text: "getCommandBuilder('ping'" },
  },
  {
    name: 'a subscription that subscribes to nothing',
    files: { 'src/onPing.ts': base['src/onPing.ts']!.replace("\n  .subscribeToEvent('pinged')", '') },
    code: 'missing-event',
    at: { file: 'src/onPing.ts', text: "getSubscriptionBuilder('onPing'" },
  },
  {
    name: 'a service that is not exported',
    files: { 'src/service.ts': base['src/service.ts']!.replace('export const svc', 'const svc') },
    code: 'not-exported',
    at: { file: 'src/service.ts', text: 'svc = svcBuilder' },
  },
  {
    name: 'definitions added in two places',
    files: { 'src/extra.ts': `import { svcBuilder } from './builder.js'\nimport { ping } from './ping.js'\nexport const more = svcBuilder.addCommandDefinition(ping.getDefinition())\n` },
    code: 'split-service',
    at: { file: 'src/service.ts', text: 'svc = svcBuilder' },
  },
  {
    name: 'two services with the same name and version',
    files: { 'src/twin.ts': `import { ServiceBuilder } from '@purista/core'\nexport const twin = new ServiceBuilder({ serviceName: 'Svc', serviceVersion: '1', serviceDescription: 'again' })\n` },
    code: 'duplicate-service',
    at: { file: 'src/twin.ts', text: 'new ServiceBuilder' },
  },
  {
    name: 'a route path with a space',
    files: { 'src/ping.ts': base['src/ping.ts']!.replace("'GET', 'ping'", "'GET', 'ping pong'") },
    code: 'invalid-route',
    at: { file: 'src/ping.ts', text: 'exposeAsHttpEndpoint' },
  },
  {
    name: 'a PURISTA builder method purista does not have yet',
    files: { 'src/ping.ts': base['src/ping.ts']!.replace(".setSuccessEventName('pinged')", ".setSuccessEventName('pinged')\n  .canEnqueue('billing')") },
    code: 'unsupported-method',
    at: { file: 'src/ping.ts', text: 'canEnqueue' },
  },
  {
    name: 'an optional path parameter followed by a required segment',
    files: { 'src/ping.ts': base['src/ping.ts']!.replace("'GET', 'ping'", "'GET', 'ping/:id?/pong'") },
    code: 'invalid-route',
    at: { file: 'src/ping.ts', text: 'exposeAsHttpEndpoint' },
  },
  {
    name: 'definitions from a function call',
    files: { 'src/service.ts': base['src/service.ts']!.replace('addCommandDefinition(ping.getDefinition())', 'addCommandDefinition(...load())').replace('export const svc', 'const load = () => [ping.getDefinition()]\nexport const svc') },
    code: 'not-static',
    at: { file: 'src/service.ts', text: 'load())' },
  },
  {
    name: 'a config value of the wrong type',
    files: { 'purista.config.ts': base['purista.config.ts']!.replace("src: 'src'", "src: 'src', http: { port: 'eighty' }") },
    code: 'invalid-config',
    at: { file: 'purista.config.ts', text: "'eighty'" },
  },
  {
    name: 'an unknown config key',
    files: { 'purista.config.ts': base['purista.config.ts']!.replace("src: 'src'", "src: 'src', targetz: {}") },
    code: 'invalid-config',
    at: { file: 'purista.config.ts', text: 'targetz' },
  },
  {
    name: 'a config value read from the environment',
    files: { 'purista.config.ts': base['purista.config.ts']!.replace("src: 'src'", 'src: process.env.SRC') },
    code: 'invalid-config',
    at: { file: 'purista.config.ts', text: 'process.env.SRC' },
  },
  {
    name: 'a source folder without services',
    files: { 'src/builder.ts': null, 'src/ping.ts': null, 'src/onPing.ts': null, 'src/service.ts': 'export const nothing = 1\n' },
    code: 'no-services',
    at: { file: 'src', line: 1, column: 1 },
  },
  {
    name: 'a command importing a package that is not installed',
    files: { 'src/ping.ts': `import { nothing } from 'no-such-package-here'\n` + base['src/ping.ts']!.replace("async () => 'pong'", 'async () => nothing') },
    code: 'bundle-error',
    at: { file: 'src/ping.ts', text: "'no-such-package-here'" },
  },
  {
    name: 'a path parameter the parameter schema lacks (validation would drop it)',
    files: { 'src/ping.ts': `import { z } from 'zod'\n` + base['src/ping.ts']!.replace("'GET', 'ping'", "'GET', 'ping/:pingId'").replace(".setSuccessEventName('pinged')", ".setSuccessEventName('pinged')\n  .addParameterSchema(z.object({ other: z.string() }))") },
    code: 'missing-path-parameter',
    at: { file: 'src/ping.ts', text: 'z.object({ other' },
  },
  {
    name: 'a path parameter missing from a parameter schema const that extends another',
    files: { 'src/ping.ts': `import { z } from 'zod'\nconst page = z.object({ page: z.string() })\nconst params = page.extend({ size: z.string() }).strict()\n` + base['src/ping.ts']!.replace("'GET', 'ping'", "'GET', 'ping/:pingId'").replace(".setSuccessEventName('pinged')", ".setSuccessEventName('pinged')\n  .addParameterSchema(params)") },
    code: 'missing-path-parameter',
    at: { file: 'src/ping.ts', text: 'params)' },
  },
  {
    name: 'a route with the same parameter twice',
    files: { 'src/ping.ts': base['src/ping.ts']!.replace("'GET', 'ping'", "'GET', 'ping/:id/pong/:id'") },
    code: 'invalid-route',
    at: { file: 'src/ping.ts', text: 'exposeAsHttpEndpoint' },
  },
  {
    name: 'commands created in a loop',
    files: { 'src/looped.ts': `import { svcBuilder } from './builder.js'\nexport const looped: unknown[] = []\nfor (const name of ['a', 'b']) looped.push(svcBuilder.getCommandBuilder(name, 'x').setCommandFunction(async () => name))\n` },
    code: 'dynamic-definition',
    at: { file: 'src/looped.ts', text: 'getCommandBuilder(name' },
  },
  {
    name: 'a command made by a factory function',
    files: { 'src/factory.ts': `import { svcBuilder } from './builder.js'\nconst crud = (name: string) => svcBuilder.getCommandBuilder(name, 'x').setCommandFunction(async () => name)\nexport const read = crud('read')\n` },
    code: 'dynamic-definition',
    at: { file: 'src/factory.ts', text: 'getCommandBuilder(name' },
  },
  {
    name: 'definitions added to the service inside a function',
    files: { 'src/service.ts': base['src/service.ts']! + `export function withExtras() {\n  return svcBuilder.addCommandDefinition(ping.getDefinition())\n}\n` },
    code: 'dynamic-definition',
    at: { file: 'src/service.ts', text: 'addCommandDefinition(ping.getDefinition())\n}' },
  },
  {
    name: 'a service file written as CommonJS',
    files: { 'src/service.ts': `const { svcBuilder } = require('./builder.js')\nconst { ping } = require('./ping.js')\nmodule.exports = { svc: svcBuilder.addCommandDefinition(ping.getDefinition()) }\n` },
    code: 'commonjs-module',
    at: { file: 'src/service.ts', text: 'module.exports' },
  },
  {
    name: 'a service name with path characters',
    files: { 'src/builder.ts': base['src/builder.ts']!.replace("serviceName: 'Svc'", "serviceName: '../../../escaped'") },
    code: 'invalid-name',
    at: { file: 'src/builder.ts', text: 'new ServiceBuilder' },
  },
  {
    name: 'a subscription name with a slash',
    files: { 'src/onPing.ts': base['src/onPing.ts']!.replace("getSubscriptionBuilder('onPing'", "getSubscriptionBuilder('on/ping'") },
    code: 'invalid-name',
    at: { file: 'src/onPing.ts', text: 'getSubscriptionBuilder' },
  },
  {
    name: 'lambda: a command name that makes the function name longer than 64 characters',
    files: { 'src/long.ts': namedCommand('long', LONG_NAME), 'src/service.ts': serviceOf(['ping', 'long']) },
    code: 'invalid-name',
    at: { file: 'src/long.ts', text: 'long = svcBuilder' },
    target: 'lambda',
  },
  {
    name: "lambda: commands 'get user' and 'get-user' become one function",
    files: { 'src/getUserA.ts': namedCommand('getUserA', 'get user'), 'src/getUserB.ts': namedCommand('getUserB', 'get-user'), 'src/service.ts': serviceOf(['ping', 'getUserA', 'getUserB']) },
    code: 'name-collision',
    at: { file: 'src/getUserB.ts', text: 'getUserB = svcBuilder' },
    target: 'lambda',
  },
  {
    name: "containers: services 'Svc' and 'svc' become one container",
    files: { 'src/twin.ts': `import { ServiceBuilder } from 'purista'\nexport const twin = new ServiceBuilder({ serviceName: 'svc', serviceVersion: '1', serviceDescription: 'x' })\n` },
    code: 'name-collision',
    at: { file: 'src/builder.ts', text: 'svcBuilder = new' },
    target: 'containers',
  },
  {
    name: 'containers: a service name that makes no Kubernetes name',
    files: { 'src/builder.ts': base['src/builder.ts']!.replace("serviceName: 'Svc'", "serviceName: '_Svc'") },
    code: 'invalid-name',
    at: { file: 'src/builder.ts', text: 'svcBuilder = new' },
    target: 'containers',
  },
  {
    name: 'containers: an app name that makes no Docker image name',
    files: { 'purista.config.ts': base['purista.config.ts']!.replace("name: 'broken'", "name: 'Broken!'") },
    code: 'invalid-name',
    at: { file: 'purista.config.ts', line: 1, column: 1 },
    target: 'containers',
  },
  {
    name: 'azure: a service name that makes a function name starting with a digit',
    files: { 'src/builder.ts': base['src/builder.ts']!.replace("serviceName: 'Svc'", "serviceName: '1st'") },
    code: 'invalid-name',
    at: { file: 'src/onPing.ts', text: 'onPing = svcBuilder' },
    target: 'azure',
  },
  {
    name: 'context.emit of an event the command does not declare (a type error, found by the project\'s tsc)',
    files: {
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], allowImportingTsExtensions: true, paths: { purista: ['../../runtime/index.ts'] } }, include: ['src'] }),
      'src/ping.ts': base['src/ping.ts']!.replace("async () => 'pong'", "async (context) => {\n    await context.emit('undeclared', {})\n    return 'pong'\n  }"),
    },
    code: 'type-error',
    at: { file: 'src/ping.ts', text: "'undeclared'" },
  },
  {
    name: "azure: commands 'Ping' and 'ping' become one function (the host ignores case)",
    files: { 'src/pingUpper.ts': namedCommand('pingUpper', 'Ping'), 'src/service.ts': serviceOf(['ping', 'pingUpper']) },
    code: 'name-collision',
    at: { file: 'src/pingUpper.ts', text: 'pingUpper = svcBuilder' },
    target: 'azure',
  },
]

const projects: string[] = []
afterAll(() => projects.forEach(removeProject))

describe('broken apps fail with a diagnostic at the right place, exit code 1, and dist/ unchanged', () => {
  test.concurrent.each(['monolith', 'lambda', 'azure'])('the unbroken app builds for %s', async (target) => {
    const dir = scratchProject(base)
    projects.push(dir)
    const result = await runCli(['build', '--target', target, '--config', join(dir, 'purista.config.ts')])
    expect(result.stderr).toContain(`built ${target}`)
    expect(result.code).toBe(0)
  })

  test.concurrent.each(cases)('$name → $code', async ({ files, code, at, target = 'monolith', says = '' }) => {
    const merged = { ...base, ...files }
    const dir = scratchProject(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== null)) as Record<string, string>)
    projects.push(dir)
    mkdirSync(join(dir, 'dist', target), { recursive: true })
    writeFileSync(join(dir, 'dist', target, 'index.mjs'), '// the previous, working build\n')

    const result = await runCli(['build', '--target', target, '--config', join(dir, 'purista.config.ts')])

    const where = 'line' in at ? at : positionOf(readFileSync(join(dir, at.file), 'utf8'), at.text)
    expect(result.stderr).toContain(`${at.file}:${where.line}:${where.column} error ${code}: ${says}`)
    expect(result.stderr).toMatch(/hint: \S/)
    expect(result.stderr).toContain('was left unchanged')
    expect(result.code).toBe(1)
    expect(readdirSync(join(dir, 'dist'))).toEqual([target])
    expect(readFileSync(join(dir, 'dist', target, 'index.mjs'), 'utf8')).toBe('// the previous, working build\n')
  })

  test('a syntax error is reported alone: what the analysis would say of the rest may follow from the unreadable file', async () => {
    // ping.ts defines the command the subscription's file invokes: unread, it would be "no command ping".
    const dir = scratchProject({ ...base, 'src/ping.ts': base['src/ping.ts']! + '\nconst broken = (' })
    projects.push(dir)
    const result = await runCli(['build', '--config', join(dir, 'purista.config.ts')])
    expect(result.code).toBe(1)
    expect(result.stderr.match(/ error [a-z-]+:/g)).toEqual([' error syntax-error:'])
    // The step that found it is marked as failed, the one before as done.
    expect(result.stderr).toMatch(/✓ config .*\n\s*✗ analyze /)
  })

  test('a missing config file is named, with what to do', async () => {
    const result = await runCli(['build', '--config', '/nonexistent/purista.config.ts'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('error missing-config: no config file at /nonexistent/purista.config.ts')
    expect(existsSync('/nonexistent')).toBe(false)
  })

  test('a subscription to an event nothing emits is a warning, and the build still succeeds', async () => {
    const dir = scratchProject({ ...base, 'src/onPing.ts': base['src/onPing.ts']!.replace("subscribeToEvent('pinged')", "subscribeToEvent('pinnged')") })
    projects.push(dir)
    const result = await runCli(['build', '--config', join(dir, 'purista.config.ts')])
    const where = positionOf(readFileSync(join(dir, 'src/onPing.ts'), 'utf8'), "'pinnged'")
    expect(result.stderr).toContain(`src/onPing.ts:${where.line}:${where.column} warning unheard-event: nothing emits "pinnged"`)
    expect(result.stderr).toContain('1 warning')
    expect(result.code).toBe(0)
  })
})
