import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { DefaultEventBridge, HandledError, ServiceBuilder, StatusCode, type EventMessage } from '../index.ts'
import { createLogger } from '../core/logger.ts'
import { createCommand } from '../service/context.ts'

const silent = createLogger({ sink: () => {} })
const caller = { serviceName: 'Test', serviceVersion: '1', serviceTarget: 'test' }
const address = (serviceTarget: string) => ({ serviceName: 'Math', serviceVersion: '1', serviceTarget })

async function setup(timeoutMs = 30_000) {
  const math = new ServiceBuilder({ serviceName: 'Math', serviceVersion: '1', serviceDescription: 'numbers' })
  const seen: { event: string; payload: unknown; traceId: string }[] = []
  const add = math
    .getCommandBuilder('add', 'adds')
    .addPayloadSchema(z.object({ a: z.number(), b: z.number() }))
    .addOutputSchema(z.object({ sum: z.number() }))
    .setSuccessEventName('added')
    .canEmit('bigSum', z.object({ sum: z.number() }))
    .setCommandFunction(async function (context, { a, b }) {
      if (a + b > 100) await context.emit('bigSum', { sum: a + b })
      return { sum: a + b }
    })
  const fail = math.getCommandBuilder('fail', 'fails').setCommandFunction(async function (_context, payload) {
    if (payload === 'handled') throw new HandledError(StatusCode.Conflict, 'taken', { id: 1 })
    throw new Error('secret database password in message')
  })
  const badOutput = math
    .getCommandBuilder('badOutput', 'returns what it promised not to')
    .addOutputSchema(z.object({ ok: z.boolean() }))
    .setCommandFunction(async () => ({ ok: 'yes' }) as never)
  const slow = math.getCommandBuilder('slow', 'never answers in time').setCommandFunction(() => new Promise((r) => setTimeout(r, 500)))
  const double = math
    .getCommandBuilder('double', 'calls add')
    .canInvoke('Math', '1', 'add', z.object({ sum: z.number() }))
    .setCommandFunction(async function (context, payload) {
      const n = payload as number
      return context.service.Math['1'].add({ a: n, b: n })
    })
  const record = (name: string) =>
    math
      .getSubscriptionBuilder(name, 'records')
      .subscribeToEvent(name === 'onAdded' ? 'added' : name === 'onBig' ? 'bigSum' : 'doubled')
      .setSubscriptionFunction(async function (context, payload) {
        seen.push({ event: (context.message as EventMessage).eventName, payload, traceId: context.message.traceId })
        if (name === 'onAdded') return { doubled: (payload as { sum: number }).sum * 2 }
      })
  const onAdded = record('onAdded').addOutputSchema('doubled', z.object({ doubled: z.number() }))
  math.addCommandDefinition(add.getDefinition(), fail.getDefinition(), badOutput.getDefinition(), slow.getDefinition(), double.getDefinition())
  math.addSubscriptionDefinition(onAdded.getDefinition(), record('onBig').getDefinition(), record('onDoubled').getDefinition())

  const bridge = new DefaultEventBridge({ defaultCommandTimeoutMs: timeoutMs, logger: silent })
  await bridge.start()
  const service = math.getInstance(bridge, { logger: silent })
  await service.start()
  const invoke = (target: string, payload: unknown, traceId = 'trace-1') => bridge.invoke(createCommand(address(target), caller, payload, {}, { traceId }))
  return { bridge, invoke, seen }
}

/** The error a call failed with; a call that succeeds fails the test. */
const failure = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (error: unknown) => error as HandledError,
  )

const settle = () => new Promise((r) => setTimeout(r, 20))

describe('DefaultEventBridge', () => {
  test('a command answers with its validated output', async () => {
    const { invoke } = await setup()
    await expect(invoke('add', { a: 1, b: 2 })).resolves.toEqual({ sum: 3 })
  })

  test('the success event reaches subscribers, and a subscription output becomes an event too, all with the trace id', async () => {
    const { invoke, seen } = await setup()
    await invoke('add', { a: 2, b: 3 }, 'trace-xyz')
    await settle()
    expect(seen).toEqual([
      { event: 'added', payload: { sum: 5 }, traceId: 'trace-xyz' },
      { event: 'doubled', payload: { doubled: 10 }, traceId: 'trace-xyz' },
    ])
  })

  test('canEmit events are delivered', async () => {
    const { invoke, seen } = await setup()
    await invoke('add', { a: 100, b: 1 })
    await settle()
    expect(seen.map((s) => s.event).sort()).toEqual(['added', 'bigSum', 'doubled'])
  })

  test('an invalid payload is a 400 naming the field', async () => {
    const { invoke } = await setup()
    const error = await failure(invoke('add', { a: 'x', b: 1 }))
    expect(error).toBeInstanceOf(HandledError)
    expect(error.errorCode).toBe(400)
    expect(error.data).toEqual({ issues: [{ path: 'a', message: expect.stringContaining('number') }] })
  })

  test('handled errors keep status, message and data; anything else is a bare 500', async () => {
    const { invoke } = await setup()
    await expect(invoke('fail', 'handled')).rejects.toMatchObject({ errorCode: 409, message: 'taken', data: { id: 1 } })
    const unhandled = await failure(invoke('fail', 'boom'))
    expect(unhandled.errorCode).toBe(500)
    expect(unhandled.message).toBe('Internal Server Error')
    expect(JSON.stringify(unhandled)).not.toContain('secret')
  })

  test('an output that breaks its schema is a 500 that leaks nothing', async () => {
    const { invoke } = await setup()
    const error = await failure(invoke('badOutput', undefined))
    expect(error.errorCode).toBe(500)
    expect(error.data).toBeUndefined()
  })

  test('a command that does not answer in time fails with 504', async () => {
    const { invoke } = await setup(50)
    await expect(invoke('slow', undefined)).rejects.toMatchObject({ errorCode: 504, message: expect.stringContaining('did not answer within 50 ms') })
  })

  test('an unknown command is a 404', async () => {
    const { invoke } = await setup()
    await expect(invoke('nope', undefined)).rejects.toMatchObject({ errorCode: 404 })
  })

  test('concurrent calls each get their own answer', async () => {
    const { invoke } = await setup()
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => invoke('add', { a: i, b: 1 })))
    expect(results).toEqual(Array.from({ length: 200 }, (_, i) => ({ sum: i + 1 })))
  })

  test('declared canInvoke calls go through the bridge and carry the trace id', async () => {
    const { invoke, seen } = await setup()
    await expect(invoke('double', 4, 'trace-double')).resolves.toEqual({ sum: 8 })
    await settle()
    expect(seen.find((s) => s.event === 'added')?.traceId).toBe('trace-double')
  })

  test('destroy rejects calls still waiting', async () => {
    const { bridge, invoke } = await setup()
    const pending = invoke('slow', undefined)
    await bridge.destroy()
    await expect(pending).rejects.toMatchObject({ errorCode: 503 })
  })

  test('a failing subscription is logged with its trace id and does not affect the command', async () => {
    const lines: string[] = []
    const bridge = new DefaultEventBridge({ logger: createLogger({ sink: (l) => lines.push(l) }) })
    const svc = new ServiceBuilder({ serviceName: 'S', serviceVersion: '1', serviceDescription: '' })
    const cmd = svc.getCommandBuilder('go', '').setSuccessEventName('went').setCommandFunction(async () => 'ok')
    const sub = svc.getSubscriptionBuilder('explode', '').subscribeToEvent('went').setSubscriptionFunction(async () => {
      throw new Error('kaboom')
    })
    const instance = svc.addCommandDefinition(cmd.getDefinition()).addSubscriptionDefinition(sub.getDefinition()).getInstance(bridge, { logger: silent })
    await instance.start()
    await expect(bridge.invoke(createCommand({ serviceName: 'S', serviceVersion: '1', serviceTarget: 'go' }, caller, undefined, {}, { traceId: 't-sub' }))).resolves.toBe('ok')
    await settle()
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'subscription failed')
    expect(logged).toMatchObject({ level: 'error', traceId: 't-sub', subscription: 'S/1/explode', error: { message: 'kaboom' } })
  })

  test('undeclared invocations and events fail with a clear error at run time', async () => {
    const bridge = new DefaultEventBridge({ logger: silent })
    const svc = new ServiceBuilder({ serviceName: 'S', serviceVersion: '1', serviceDescription: '' })
    const sneaky = svc.getCommandBuilder('sneaky', '').setCommandFunction(async function (context, payload) {
      if (payload === 'emit') await (context.emit as (n: string, p: unknown) => Promise<void>)('surprise', {})
      return (context.service as any).Other['1'].thing()
    })
    const lines: string[] = []
    const logger = createLogger({ sink: (l) => lines.push(l) })
    await svc.addCommandDefinition(sneaky.getDefinition()).getInstance(bridge, { logger }).start()
    const call = (payload: string) => bridge.invoke(createCommand({ serviceName: 'S', serviceVersion: '1', serviceTarget: 'sneaky' }, caller, payload, {}, { traceId: 't' }))
    await expect(call('invoke')).rejects.toMatchObject({ errorCode: 500 })
    await expect(call('emit')).rejects.toMatchObject({ errorCode: 500 })
    const messages = lines.map((l) => JSON.parse(l)).filter((l) => l.level === 'error').map((l) => l.error.message)
    expect(messages).toEqual([expect.stringContaining('invokes Other without declaring it'), expect.stringContaining('emits "surprise" without declaring it')])
  })
})
