import { expect, test } from 'vitest'
import { z } from 'zod'
import { ServiceBuilder } from '../builders/service-builder.ts'
import { HandledError, StatusCode } from '../core/errors.ts'
import { createLogger } from '../core/logger.ts'
import type { EventMessage } from '../core/envelope.ts'
import { MemoryConfigStore, MemoryStateStore } from '../stores/memory.ts'
import { commandHandler } from './command-handler.ts'
import { hookedCommand } from './command-hooks.ts'
import { createCommand, type ContextDeps } from './context.ts'

const svc = new ServiceBuilder({ serviceName: 'Shop', serviceVersion: '1', serviceDescription: '' })
const address = { serviceName: 'Shop', serviceVersion: '1', serviceTarget: 'order' }
const caller = { serviceName: 'HttpServer', serviceVersion: '1', serviceTarget: 'http' }

function run(builder: { getDefinition(): any }, payload: unknown, parameter: unknown = {}, principalId?: string) {
  const events: EventMessage[] = []
  const deps: ContextDeps = {
    bridge: { invoke: async () => undefined, emit: async (event) => void events.push(event) },
    logger: createLogger({ level: 'fatal' }),
    states: new MemoryStateStore(),
    configs: new MemoryConfigStore(),
    secrets: new MemoryConfigStore(),
  }
  const handle = commandHandler(builder.getDefinition(), address, deps, hookedCommand)
  return { result: handle(createCommand(address, caller, payload, parameter, { traceId: 't', principalId })), events }
}

test("hooks run in PURISTA's order: transform input, validation, before guards, function, output validation, after guards, transform output", async () => {
  const steps: string[] = []
  const command = svc
    .getCommandBuilder('order', '')
    .addPayloadSchema(z.object({ amount: z.number() }))
    .addParameterSchema(z.object({ shop: z.string() }))
    .addOutputSchema(z.object({ total: z.number() }))
    .setTransformInput(z.string(), z.object({ shop: z.string() }), async (_context, text, parameter) => {
      steps.push(`transform input ${text}`)
      return { payload: { amount: Number(text) }, parameter }
    })
    .setBeforeGuardHooks({
      positive: async (_context, payload) => void steps.push(`before guard ${payload.amount}`),
    })
    .setAfterGuardHooks({
      small: async (_context, result, payload, parameter) => void steps.push(`after guard ${result.total} ${payload.amount} ${parameter.shop}`),
    })
    .setTransformOutput(z.string(), async (_context, output, parameter) => (steps.push('transform output'), `${parameter.shop}: ${output.total}`))
    .setSuccessEventName('ordered')
    .setCommandFunction(async (_context, payload) => (steps.push('function'), { total: payload.amount * 2 }))

  const { result, events } = run(command, '21', { shop: 'north' })
  await expect(result).resolves.toBe('north: 42')
  expect(steps).toEqual(['transform input 21', 'before guard 21', 'function', 'after guard 42 21 north', 'transform output'])
  // The success event is the command's answer, as PURISTA's success response message is.
  expect(events.map((e) => e.payload)).toEqual(['north: 42'])
})

test('a before guard that throws stops the call with its status; the function never runs', async () => {
  let ran = false
  const command = svc
    .getCommandBuilder('order', '')
    .setBeforeGuardHooks({
      ownerOnly: async (context) => {
        if (context.message.principalId !== 'ada') throw new HandledError(StatusCode.Forbidden, 'only ada may order')
      },
    })
    .setCommandFunction(async () => void (ran = true))
  await expect(run(command, undefined, {}, 'bob').result).rejects.toMatchObject({ errorCode: 403, message: 'only ada may order' })
  expect(ran).toBe(false)
  await expect(run(command, undefined, {}, 'ada').result).resolves.toBeUndefined()
})

test("each schema validates its own side: the transform's the message, the command's the function's input and output", async () => {
  const command = svc
    .getCommandBuilder('order', '')
    .addPayloadSchema(z.object({ amount: z.number().positive() }))
    .setTransformInput(z.string(), z.object({}), async (_context, text) => ({ payload: { amount: Number(text) }, parameter: {} }))
    .setTransformOutput(z.string().max(3), async (_context, output) => String(output))
    .setCommandFunction(async (_context, payload) => payload.amount)
  await expect(run(command, 5).result).rejects.toMatchObject({ errorCode: 400, message: 'invalid payload' })
  await expect(run(command, '-1').result).rejects.toMatchObject({ errorCode: 400, data: { issues: [{ path: 'amount' }] } })
  // A transformed answer its schema refuses is the command's fault: a 500, as an invalid output is.
  await expect(run(command, '12345').result).rejects.toMatchObject({ errorCode: 500 })
  await expect(run(command, '12').result).resolves.toBe('12')
})

test('an after guard can refuse an answer the function produced', async () => {
  const command = svc
    .getCommandBuilder('order', '')
    .addOutputSchema(z.object({ owner: z.string() }))
    .setAfterGuardHooks({
      ownAnswersOnly: async (context, result) => {
        if (result.owner !== context.message.principalId) throw new HandledError(StatusCode.Forbidden)
      },
    })
    .setCommandFunction(async () => ({ owner: 'ada' }))
  await expect(run(command, undefined, {}, 'bob').result).rejects.toMatchObject({ errorCode: 403 })
  await expect(run(command, undefined, {}, 'ada').result).resolves.toEqual({ owner: 'ada' })
})

test('a command without hooks has none in its definition, so it keeps the short pipeline', () => {
  expect(svc.getCommandBuilder('plain', '').setCommandFunction(async () => 1).getDefinition().hooks).toBeUndefined()
  const guarded = svc.getCommandBuilder('guarded', '').setBeforeGuardHooks({ a: async () => {} })
  expect(guarded.getBeforeGuardHook('a')).toBeTypeOf('function')
  expect(guarded.setCommandFunction(async () => 1).getDefinition().hooks?.beforeGuards).toHaveProperty('a')
})

test('a command that sets hooks is refused where no hook runner was handed in, rather than run without its guards', () => {
  const guarded = svc.getCommandBuilder('order', '').setBeforeGuardHooks({ deny: async () => { throw new HandledError(StatusCode.Forbidden) } }).setCommandFunction(async () => 1)
  const deps = { bridge: { invoke: async () => undefined, emit: async () => {} }, logger: createLogger({ level: 'fatal' }), states: new MemoryStateStore(), configs: new MemoryConfigStore(), secrets: new MemoryConfigStore() }
  expect(() => commandHandler(guarded.getDefinition(), address, deps)).toThrow('Shop v1 order sets guard or transform hooks, but was built without the code that runs them')
  // Without hooks, no runner is needed.
  expect(commandHandler(svc.getCommandBuilder('order', '').setCommandFunction(async () => 1).getDefinition(), address, deps)).toBeTypeOf('function')
})
