import { describe, expect, test } from 'vitest'
import { registerNewUser } from '../../fixtures/user-email/src/service/user/v1/command/registerNewUser/registerNewUser.ts'
import { sendWelcomeMail } from '../../fixtures/user-email/src/service/email/v1/subscription/sendWelcomeMail/sendWelcomeMail.ts'
import { HandledError, StatusCode } from '../core/errors.ts'
import { getCommandContextMock, getSubscriptionContextMock } from './context-mock.ts'
import { createStub } from './stub.ts'

// The fixture's functions, unit-tested the way the PURISTA handbook shows: function, context mock, stubs.
describe('User v1 command registerNewUser', () => {
  const payload = { email: 'Ada@Example.com', name: 'Ada' }
  const parameter = {}

  test('returns the new user id and stores the user under it and under the email', async () => {
    const registerNewUserFunction = registerNewUser.getCommandFunction()
    const context = getCommandContextMock({ payload, parameter })
    context.stubs.getState.resolves({})

    const result = await registerNewUserFunction(context.mock, payload, parameter)

    expect(result).toEqual({ userId: expect.any(String) })
    expect(context.stubs.getState.calledWith('email:ada@example.com')).toBe(true)
    expect(context.stubs.setState.args).toEqual([
      [`user:${result.userId}`, { userId: result.userId, ...payload }],
      ['email:ada@example.com', result.userId],
    ])
    expect(context.stubs.logger.info.calledWith('user registered', { userId: result.userId })).toBe(true)
  })

  test('refuses a second user with the same email: 409, nothing written', async () => {
    const context = getCommandContextMock({ payload, parameter })
    context.stubs.getState.resolves({ 'email:ada@example.com': 'an-existing-user-id' })

    const call = registerNewUser.getCommandFunction()(context.mock, payload, parameter)

    await expect(call).rejects.toBeInstanceOf(HandledError)
    await expect(call).rejects.toMatchObject({ errorCode: StatusCode.Conflict, message: 'a user with this email already exists' })
    expect(context.stubs.setState.called).toBe(false)
  })

  test('a read nobody stubbed fails, naming the stub to set', async () => {
    const context = getCommandContextMock({ payload, parameter })
    await expect(registerNewUser.getCommandFunction()(context.mock, payload, parameter)).rejects.toThrow('getState is not stubbed: set its answer with context.stubs.getState.resolves(…)')
  })

  test('the message carries the payload and parameter, and what the test sets', () => {
    const context = getCommandContextMock({ payload, parameter, message: { principalId: 'user-1' } })
    expect(context.mock.message).toMatchObject({ messageType: 'command', payload: { payload, parameter }, principalId: 'user-1' })
    expect(context.mock.message.traceId).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe('Email v1 subscription sendWelcomeMail', () => {
  test('reads the user through the invoked command and records the mail', async () => {
    const context = getSubscriptionContextMock({ payload: { userId: 'u1' }, message: { eventName: 'userRegistered' } })
    context.stubs.service.User['1'].getUser.resolves({ userId: 'u1', email: 'ada@example.com', name: 'Ada' })

    await sendWelcomeMail.getSubscriptionFunction()(context.mock, { userId: 'u1' }, undefined)

    expect(context.stubs.service.User['1'].getUser.args).toEqual([[undefined, { userId: 'u1' }]])
    expect(context.stubs.setState.calledWith('mail:ada@example.com', { to: 'ada@example.com', subject: 'Welcome, Ada!' })).toBe(true)
    expect(context.mock.message.eventName).toBe('userRegistered')
  })

  test('an invoked command nobody stubbed fails, naming it', async () => {
    const context = getSubscriptionContextMock({ payload: { userId: 'u1' } })
    await expect(sendWelcomeMail.getSubscriptionFunction()(context.mock, { userId: 'u1' }, undefined)).rejects.toThrow("service.User['1'].getUser is not stubbed")
  })
})

describe('createStub', () => {
  test('records calls and does what it was told last', async () => {
    const stub = createStub((a: number, b?: string) => `${a}${b ?? ''}`)
    expect(stub(1)).toBe('1')
    stub.returns('fixed')
    expect(stub(2, 'x')).toBe('fixed')
    stub.callsFake((a) => String(a * 10))
    expect(stub(3)).toBe('30')
    expect(stub.args).toEqual([[1], [2, 'x'], [3]])
    expect(stub.callCount).toBe(3)
    expect(stub.calledWith(2)).toBe(true)
    expect(stub.calledWith(2, 'y')).toBe(false)
  })

  test('resolves and rejects a fresh promise at each call', async () => {
    const stub = createStub(async () => 1)
    stub.rejects(new Error('down'))
    await expect(stub()).rejects.toThrow('down')
    stub.resolves(2)
    await expect(stub()).resolves.toBe(2)
  })
})

describe("PURISTA 2's context mock input: emitList and invokes", () => {
  test('each event of emitList gets a stub of its own beside the one every emit goes through; invokes is accepted', async () => {
    const context = getCommandContextMock({ payload: {}, emitList: { taskCreated: {}, taskDone: {} }, invokes: {} })
    await context.mock.emit('taskCreated', { id: 1 })
    expect(context.stubs.emit.taskCreated.calledWith('taskCreated', { id: 1 })).toBe(true)
    expect(context.stubs.emit.taskDone.called).toBe(false)
    expect(context.stubs.emit.calledWith('taskCreated', { id: 1 })).toBe(true)
    // An event's own stub decides its emit.
    context.stubs.emit.taskDone.rejects(new Error('bus down'))
    await expect(context.mock.emit('taskDone', {})).rejects.toThrow('bus down')
    // @ts-expect-error not in emitList
    void context.stubs.emit.taskLost
  })

  test("on the builder, its canEmit events have their stubs without an emitList", async () => {
    const { ServiceBuilder } = await import('../index.ts')
    const notify = new ServiceBuilder({ serviceName: 'Notify', serviceVersion: '1', serviceDescription: '' })
      .getSubscriptionBuilder('notify', '')
      .subscribeToEvent('taskCreated')
      .canEmit('notified')
      .setSubscriptionFunction(async (context) => context.emit('notified', undefined))
    const context = notify.getSubscriptionContextMock({ payload: {} })
    await notify.getSubscriptionFunction()(context.mock, {}, {})
    expect(context.stubs.emit.notified.callCount).toBe(1)
  })
})
