import { describe, expect, test } from 'vitest'
import { analyzeProject as project } from './test-project.ts'

describe('analyze: the shapes real PURISTA code is written in', () => {
  test('names from as-const objects, enums, templates and namespace imports, through index re-exports', () => {
    const { model, diagnostics } = project({
      'src/names/events.ts': `export enum Events { Created = 'thing' + 'Created', Numbered = 7 }\n`,
      'src/names/info.ts': `const version = 2\nexport const Info = { name: 'Things', version: \`\${version}\` } as const satisfies Record<string, string>\n`,
      'src/names/index.ts': `export * from './events.js'\nexport { Info as ThingInfo } from './info.js'\n`,
      'src/builder.ts': `import * as core from '@purista/core'\nimport { ThingInfo } from './names/index.js'\nexport const b = new core.ServiceBuilder({ serviceName: ThingInfo.name, serviceVersion: ThingInfo.version, serviceDescription: 'things' })\n`,
      'src/commands/create.ts': `import { b } from '../builder.js'\nimport * as names from '../names/index.js'\nconst route = 'things'\nexport const create = b.getCommandBuilder('create', 'makes').exposeAsHttpEndpoint('POST', route).addQueryParameters({ name: 'dry', required: false }).setSuccessEventName(names.Events.Created).canEmit(\`thing\${'Audited'}\`).setCommandFunction(async () => ({}))\n`,
      'src/commands/index.ts': `export * from './create.js'\n`,
      'src/definitions.ts': `import { create } from './commands/index.js'\nexport const commands = [create.getDefinition()]\n`,
      'src/service.ts': `import { b } from './builder.js'\nimport { commands } from './definitions.js'\nconst service = b.addCommandDefinition(...commands)\nexport { service as thingsV2Service }\n`,
    })
    expect(diagnostics).toEqual([])
    expect(model.services).toHaveLength(1)
    const [service] = model.services
    expect(service).toMatchObject({ serviceName: 'Things', serviceVersion: '2', entry: { file: 'src/service.ts', export: 'thingsV2Service', line: 3, column: 7 } })
    expect(service!.commands).toEqual([
      {
        name: 'create',
        description: 'makes',
        source: { file: 'src/commands/create.ts', export: 'create', line: 4, column: 14 },
        http: { method: 'POST', path: '/api/v2/things', queryParameters: [{ name: 'dry', required: false }], public: false, protected: false },
        successEvent: 'thingCreated',
        emits: ['thingAudited'],
        invokes: [],
        usesState: false,
        stateMethods: [],
        secrets: [],
        configs: [],
        hooks: false,
      },
    ])
    expect(model.events.map((e) => e.name)).toEqual(['thingAudited', 'thingCreated'])
  })

  test('numeric versions, inline definitions, subscriptions with output, a version filter, every instance', () => {
    const { model, diagnostics } = project({
      'src/svc.ts': `import { ServiceBuilder } from 'purista'
export const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: 1 as any, serviceDescription: '' })
const ping = svc.getCommandBuilder('ping', '').setSuccessEventName('pinged').setCommandFunction(async () => 1)
const onPing = svc.getSubscriptionBuilder('onPing', '').subscribeToEvent('pinged', '1').receiveOnEveryInstance().addOutputSchema('ponged', {} as any).canInvoke('A', '1', 'ping').setSubscriptionFunction(async () => 1)
export const service = svc.addCommandDefinition(ping.getDefinition()).addSubscriptionDefinition(onPing.getDefinition())
`,
    })
    expect(diagnostics.filter((d) => d.code !== 'unheard-event')).toEqual([])
    expect(model.services[0]!.subscriptions).toEqual([
      {
        name: 'onPing',
        description: '',
        source: { file: 'src/svc.ts', export: null, line: 4, column: 7 },
        event: 'pinged',
        eventServiceVersion: '1',
        durable: false,
        everyInstance: true,
        filter: null,
        autoacknowledge: false,
        outputEvent: 'ponged',
        emits: [],
        invokes: [{ serviceName: 'A', serviceVersion: '1', command: 'ping' }],
        usesState: false,
        stateMethods: [],
        secrets: [],
        configs: [],
        hooks: false,
      },
    ])
    expect(model.events.find((e) => e.name === 'ponged')?.producers).toEqual([{ serviceName: 'A', serviceVersion: '1', target: 'onPing', kind: 'output' }])
  })

  test('which context.states methods a function may call is read from its source; a function defined elsewhere, or states handed on, counts as all', () => {
    const { model } = project({
      'src/svc.ts': `import { ServiceBuilder } from 'purista'
export const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: '1', serviceDescription: '' })
const run = async () => 1
const member = svc.getCommandBuilder('member', '').setCommandFunction(async (context) => (await context.states.getState('x')).x)
const destructured = svc.getCommandBuilder('destructured', '').setCommandFunction(async function ({ states }) { return states.getState('x') })
const pure = svc.getCommandBuilder('pure', '').setCommandFunction(async (context, payload) => context.logger.info('no state', { payload }))
const elsewhere = svc.getCommandBuilder('elsewhere', '').setCommandFunction(run)
const writer = svc.getCommandBuilder('writer', '').setCommandFunction(async (context) => { await context.states.setState('x', (await context.states.getState('x')).x); await context.states?.removeState('y') })
const setter = svc.getCommandBuilder('setter', '').setCommandFunction(async ({ states }, payload) => states.setState('x', payload))
const handedOn = svc.getCommandBuilder('handedOn', '').setCommandFunction(async (context) => save(context.states))
const taken = svc.getCommandBuilder('taken', '').setCommandFunction(async ({ states: s }) => s.getState('x'))
const asArgument = svc.getCommandBuilder('asArgument', '').setCommandFunction(async (context) => context.states.getState(context.states))
export const service = svc.addCommandDefinition(member.getDefinition(), destructured.getDefinition(), pure.getDefinition(), elsewhere.getDefinition(), writer.getDefinition(), setter.getDefinition(), handedOn.getDefinition(), taken.getDefinition(), asArgument.getDefinition())
`,
    })
    const all = ['getState', 'removeState', 'setState']
    expect(Object.fromEntries(model.services[0]!.commands.map((c) => [c.name, c.stateMethods]))).toEqual({
      member: ['getState'],
      destructured: ['getState'],
      pure: [],
      elsewhere: all,
      writer: all,
      setter: ['setState'],
      handedOn: all,
      taken: all,
      asArgument: all,
    })
    expect(model.services[0]!.commands.filter((c) => c.usesState).map((c) => c.name)).toEqual(['asArgument', 'destructured', 'elsewhere', 'handedOn', 'member', 'setter', 'taken', 'writer'])
  })

  test('a definition that sets any guard or transform hook is marked, so function targets bundle the hook runner for it alone', () => {
    const { model } = project({
      'src/svc.ts': `import { ServiceBuilder } from 'purista'
export const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: '1', serviceDescription: '' })
const plain = svc.getCommandBuilder('plain', '').setCommandFunction(async () => 1)
const guarded = svc.getCommandBuilder('guarded', '').setBeforeGuardHooks({ ok: async () => {} }).setCommandFunction(async () => 1)
const checked = svc.getCommandBuilder('checked', '').setAfterGuardHooks({ ok: async () => {} }).setCommandFunction(async () => 1)
const shaped = svc.getCommandBuilder('shaped', '').setTransformOutput({} as any, async (_c, o) => o).setCommandFunction(async () => 1)
const onPlain = svc.getSubscriptionBuilder('onPlain', '').subscribeToEvent('e').setSubscriptionFunction(async () => {})
const onRaw = svc.getSubscriptionBuilder('onRaw', '').subscribeToEvent('e').setTransformInput({} as any, {} as any, async (_c, p) => ({ payload: p, parameter: {} })).setSubscriptionFunction(async () => {})
export const service = svc.addCommandDefinition(plain.getDefinition(), guarded.getDefinition(), checked.getDefinition(), shaped.getDefinition()).addSubscriptionDefinition(onPlain.getDefinition(), onRaw.getDefinition())
`,
    })
    const [service] = model.services
    expect(service!.commands.map((c) => [c.name, c.hooks])).toEqual([['checked', true], ['guarded', true], ['plain', false], ['shaped', true]])
    expect(service!.subscriptions.map((s) => [s.name, s.hooks])).toEqual([['onPlain', false], ['onRaw', true]])
  })

  test('a command that is built but never added is reported, and left out of the model', () => {
    const { model, diagnostics } = project({
      'src/svc.ts': `import { ServiceBuilder } from 'purista'\nexport const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: '1', serviceDescription: '' })\nexport const lost = svc.getCommandBuilder('lost', '').setCommandFunction(async () => 1)\n`,
    })
    expect(model.services[0]!.commands).toEqual([])
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'unused-definition', file: 'src/svc.ts', line: 3, column: 25 })])
  })

  test('test files and declaration files are not analyzed; the model is the same on every run', () => {
    const files = {
      'src/svc.ts': `import { ServiceBuilder } from 'purista'\nexport const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: '1', serviceDescription: '' })\n`,
      'src/svc.test.ts': `import { ServiceBuilder } from 'purista'\nexport const other = new ServiceBuilder({ serviceName: 'B', serviceVersion: '1', serviceDescription: '' })\n`,
      'src/types.d.ts': `export declare const x: number\n`,
    }
    const first = project(files)
    expect(first.model.services.map((s) => s.serviceName)).toEqual(['A'])
    expect(first.files).toEqual(['src/svc.ts'])
    expect(JSON.stringify(project(files).model)).toBe(JSON.stringify(first.model))
  })

  test('a builder imported from another package is not mistaken for PURISTA', () => {
    const { model, diagnostics } = project({
      'src/svc.ts': `import { ServiceBuilder } from 'some-other-lib'\nexport const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: '1', serviceDescription: '' })\n`,
    })
    expect(model.services).toEqual([])
    expect(diagnostics.map((d) => d.code)).toEqual(['no-services'])
  })
})

test("PURISTA's names for the same settings: disableHttpSecurity() makes an endpoint public, receiveMessageOnEveryInstance() every instance", () => {
  const { model, diagnostics } = project({
    'src/svc.ts': `import { ServiceBuilder } from '@purista/core'
export const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: '1', serviceDescription: '' })
const open = svc.getCommandBuilder('open', '').disableHttpSecurity().exposeAsHttpEndpoint('GET', 'open').setSuccessEventName('opened').setCommandFunction(async () => 1)
const closed = svc.getCommandBuilder('closed', '').disableHttpSecurity(false).exposeAsHttpEndpoint('GET', 'closed').setCommandFunction(async () => 1)
const cache = svc.getSubscriptionBuilder('cache', '').subscribeToEvent('opened', '1').receiveMessageOnEveryInstance().setSubscriptionFunction(async () => {})
export const service = svc.addCommandDefinition(open.getDefinition(), closed.getDefinition()).addSubscriptionDefinition(cache.getDefinition())
`,
  })
  expect(diagnostics).toEqual([])
  expect(model.services[0]!.commands.map((c) => [c.name, c.http?.public])).toEqual([['closed', false], ['open', true]])
  expect(model.services[0]!.subscriptions[0]).toMatchObject({ eventServiceVersion: '1', everyInstance: true, durable: false })
})
