import { createSandbox } from 'sinon'
import { afterEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { ServiceBuilder } from '../builders/service-builder.ts'
import { createCommandContextMock, createSubscriptionContextMock } from './builder-mocks.ts'
import { getEventBridgeMock } from './event-bridge-mock.ts'
import { getLoggerMock } from './logger-mock.ts'
import { getCommandContextMock } from './context-mock.ts'
import { getCommandMessageMock, getCommandSuccessMessageMock } from './message-mocks.ts'
import { safeBind } from './safe-bind.ts'

// PURISTA's test helpers: with a sinon sandbox they hand out sinon stubs, without one purista's own.
const sandbox = createSandbox()
afterEach(() => sandbox.restore())

describe.each([
  ['purista stubs', undefined],
  ['a sinon sandbox', sandbox],
])('with %s', (_, given) => {
  test('getLoggerMock: every level is a stub, child loggers log into the same ones, both argument orders', () => {
    const { mock, stubs } = getLoggerMock(given)
    mock.child({ traceId: 't' }).info({ userId: 'u1' }, 'registered')
    mock.warn('careful', { n: 1 })
    expect(stubs.info.calledWith({ userId: 'u1' }, 'registered')).toBe(true)
    expect(stubs.warn.calledWith('careful', { n: 1 })).toBe(true)
    expect(stubs.error.called).toBe(false)
  })

  test('getEventBridgeMock: a service starts on it and registers its definitions; invoke rejects until stubbed', async () => {
    const bridge = getEventBridgeMock(given)
    const builder = new ServiceBuilder({ serviceName: 'Ping', serviceVersion: '1', serviceDescription: '' })
    builder.addCommandDefinition(builder.getCommandBuilder('ping', '').setCommandFunction(async () => 'pong').getDefinition())
    await builder.getInstance(bridge.mock, { logger: getLoggerMock(given).mock }).start()
    expect(bridge.stubs.registerCommand.callCount).toBe(1)
    expect(bridge.mock.isReady()).toBe(true)
    await expect(bridge.mock.invoke(getCommandMessageMock())).rejects.toThrow('invoke is not stubbed')
    bridge.stubs.invoke.resolves('answer')
    await expect(bridge.mock.invoke(getCommandMessageMock())).resolves.toBe('answer')
  })
})

test('safeBind runs a function with the service as this, as the service itself does', async () => {
  const builder = new ServiceBuilder({ serviceName: 'Config', serviceVersion: '1', serviceDescription: '' }).setDefaultConfig({ greeting: 'hi' })
  const greet = builder.getCommandBuilder('greet', '').setCommandFunction(async function () {
    return this.config.greeting
  })
  const service = builder.getInstance(getEventBridgeMock().mock, { logger: getLoggerMock().mock })
  await expect(safeBind(greet.getCommandFunction(), service)(undefined as never, undefined, {})).resolves.toBe('hi')
})

test('getCommandSuccessMessageMock answers the given command: its trace and correlation id, the payload, frozen', () => {
  const command = getCommandMessageMock({ traceId: 'trace-1', principalId: 'p' })
  const answer = getCommandSuccessMessageMock({ userId: 'u1' }, { timestamp: 1 }, command)
  expect(answer).toEqual({ id: expect.any(String), timestamp: 1, messageType: 'commandSuccessResponse', traceId: 'trace-1', correlationId: command.correlationId, payload: { userId: 'u1' } })
  expect(Object.isFrozen(answer)).toBe(true)
})

test('getCommandContextMock with a sandbox: its stubs are sinon stubs, unread reads still say which stub to set', async () => {
  const context = getCommandContextMock({ payload: { id: 1 }, sandbox })
  await expect(context.mock.states.getState('x')).rejects.toThrow('getState is not stubbed')
  context.stubs.getState.resolves({ x: 1 })
  await expect(context.mock.states.getState('x')).resolves.toEqual({ x: 1 })
  await context.mock.emit('done', { id: 1 })
  expect(context.stubs.emit.calledWith('done', { id: 1 })).toBe(true)
  expect(context.stubs.emit.callCount).toBe(1)
  await expect(context.mock.service.User['1'].getUser()).rejects.toThrow("service.User['1'].getUser is not stubbed")
})

test('the builders have the context mocks, as PURISTA tests call them, typed by the schemas', () => {
  const builder = new ServiceBuilder({ serviceName: 'Count', serviceVersion: '1', serviceDescription: '' })
  const add = builder.getCommandBuilder('add', '').addPayloadSchema(z.object({ n: z.number() }))
  // @ts-expect-error the payload schema wants a number
  add.getCommandContextMock({ payload: { n: 'one' } })
  expect(add.getCommandContextMock({ payload: { n: 1 }, sandbox }).mock.message.payload).toEqual({ payload: { n: 1 }, parameter: {} })
  const counted = builder.getSubscriptionBuilder('counted', '').subscribeToEvent('added').addPayloadSchema(z.object({ n: z.number() }))
  expect(counted.getSubscriptionContextMock({ payload: { n: 2 } }).mock.message.payload).toEqual({ n: 2 })
})

test("createCommandContextMock(builder, input) and createSubscriptionContextMock, PURISTA's newest form: the builder's mock, its context also under context", async () => {
  const builder = new ServiceBuilder({ serviceName: 'Count', serviceVersion: '1', serviceDescription: '' })
  const add = builder.getCommandBuilder('add', '').addPayloadSchema(z.object({ n: z.number() })).canEmit('added').setCommandFunction(async (context) => context.emit('added', undefined))
  // @ts-expect-error typed by the builder's payload schema
  createCommandContextMock(add, { payload: { n: 'one' } })
  const made = createCommandContextMock(add, { payload: { n: 1 }, sandbox })
  expect(made.context).toBe(made.mock)
  await add.getCommandFunction()(made.context, { n: 1 }, {})
  expect(made.stubs.emit.added.called).toBe(true)
  const counted = builder.getSubscriptionBuilder('counted', '').subscribeToEvent('added').addPayloadSchema(z.object({ n: z.number() }))
  expect(createSubscriptionContextMock(counted, { payload: { n: 2 } }).context.message.payload).toEqual({ n: 2 })
})

test("PURISTA 1's positional form, getCommandContextMock(payload, parameter, sandbox), on the builder and imported", () => {
  const builder = new ServiceBuilder({ serviceName: 'Count', serviceVersion: '1', serviceDescription: '' })
  const add = builder.getCommandBuilder('add', '').addPayloadSchema(z.object({ n: z.number() }))
  const onBuilder = add.getCommandContextMock({ n: 1 }, {}, sandbox)
  expect(onBuilder.mock.message.payload).toEqual({ payload: { n: 1 }, parameter: {} })
  // The sandbox's stubs: sinon's own, with its API beyond purista's.
  expect(typeof (onBuilder.stubs.getState as unknown as { withArgs?: unknown }).withArgs).toBe('function')
  expect(getCommandContextMock({ n: 2 }, { id: 'x' }).mock.message.payload).toEqual({ payload: { n: 2 }, parameter: { id: 'x' } })
  // One argument is always the input object.
  expect(getCommandContextMock({ payload: 3 }).mock.message.payload).toEqual({ payload: 3, parameter: {} })
})
