import { expect, test } from 'vitest'
import { BrokerLink, BrokerUnavailable, brokerUnavailable } from './broker-link.ts'
import { PendingCalls } from './pending-calls.ts'
import type { CommandMessage } from '../core/envelope.ts'

const command = { traceId: 't', receiver: { serviceName: 'S', serviceVersion: '1', serviceTarget: 'c' } } as CommandMessage

test('an event emitted while the broker is away is released when it is back', async () => {
  const link = new BrokerLink({ outageBudgetMs: 1_000 })
  link.down()
  const held = link.reconnected('t')
  link.up()
  await expect(held).resolves.toBeUndefined()
})

test('past the budget, or over the bound, the emit fails with 503 broker unavailable', async () => {
  const link = new BrokerLink({ outageBudgetMs: 50, maxHeldEvents: 1 })
  link.down()
  const first = link.reconnected('a')
  await expect(link.reconnected('b')).rejects.toBeInstanceOf(BrokerUnavailable)
  await expect(first).rejects.toMatchObject({ errorCode: 503, message: 'broker unavailable', retryAfterSeconds: 1 })
})

test('a call waiting when the broker went away fails within the budget, not its timeout; an answer within it still counts', async () => {
  const pending = new PendingCalls()
  const lost = pending.wait('lost', command, 30_000)
  const answered = pending.wait('answered', command, 30_000)
  const started = Date.now()
  pending.failWithin(100, brokerUnavailable)
  pending.resolve('answered', 42)
  await expect(answered).resolves.toBe(42)
  await expect(lost).rejects.toBeInstanceOf(BrokerUnavailable)
  expect(Date.now() - started).toBeLessThan(1_000)
})

test('a call limited to the budget fails with its error then; an answer before still counts', async () => {
  const pending = new PendingCalls()
  const lost = pending.wait('lost', command, 30_000)
  const answered = pending.wait('answered', command, 30_000)
  pending.limit('lost', 100, brokerUnavailable)
  pending.limit('answered', 100, brokerUnavailable)
  pending.resolve('answered', 42)
  const started = Date.now()
  await expect(answered).resolves.toBe(42)
  await expect(lost).rejects.toBeInstanceOf(BrokerUnavailable)
  expect(Date.now() - started).toBeLessThan(1_000)
})
