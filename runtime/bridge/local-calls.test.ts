import { expect, test } from 'vitest'
import { createCommand } from '../service/context.ts'
import { LocalCalls } from './local-calls.ts'

const receiver = { serviceName: 'Math', serviceVersion: '1', serviceTarget: 'add' }
const sender = { serviceName: 'Test', serviceVersion: '1', serviceTarget: 'test' }
const command = () => createCommand(receiver, sender, {}, {}, { traceId: 't' })

test('calls settled in any order each answer their own caller, and leave nothing waiting', async () => {
  const calls = new LocalCalls()
  const started = [0, 1, 2, 3, 4].map(() => calls.start(command(), 1_000))
  // Middle, head, tail, then the rest: every unlink case of the list.
  for (const i of [2, 0, 4, 1, 3]) started[i]!.resolve(i)
  expect(await Promise.all(started.map((c) => c.answer))).toEqual([0, 1, 2, 3, 4])
  let failed = 0
  calls.failAll(() => failed++)
  expect(failed).toBe(0)
})

test('a call past its deadline fails with a 504 naming the command; its late answer is dropped', async () => {
  const calls = new LocalCalls()
  const late = calls.start(command(), 30)
  const quick = calls.start(command(), 10_000)
  await expect(late.answer).rejects.toMatchObject({ errorCode: 504, message: 'Math v1 add did not answer within 30 ms', traceId: 't' })
  late.resolve('too late')
  quick.reject(new Error('its own error'))
  await expect(quick.answer).rejects.toThrow('its own error')
})

test('failAll fails every waiting call with what it makes of the call’s command', async () => {
  const calls = new LocalCalls()
  const waiting = [calls.start(command(), 1_000), calls.start(command(), 1_000)]
  calls.failAll((c) => new Error(`gone: ${c.receiver.serviceTarget}`))
  for (const call of waiting) await expect(call.answer).rejects.toThrow('gone: add')
})
