import { expect, test } from 'vitest'
import { createLogger } from '../../../runtime/core/logger.ts'
import { createCommand } from '../../../runtime/service/context.ts'
import { answerWithin, commandDeadlineMs } from './deadline.ts'

const address = { serviceName: 'Order', serviceVersion: '1', serviceTarget: 'placeOrder' }
const command = createCommand(address, address, {}, {}, { traceId: 'slow-trace' })

test("the deadline is the app's commandTimeoutMs, or what the invocation has left less the time to answer", () => {
  expect(commandDeadlineMs(5_000, { getRemainingTimeInMillis: () => 10_000 })).toBe(5_000)
  expect(commandDeadlineMs(5_000, { getRemainingTimeInMillis: () => 3_000 })).toBe(2_800)
  expect(commandDeadlineMs(5_000, undefined)).toBe(5_000)
})

test('a command past its deadline is the 504 the monolith answers, logged with its trace id', async () => {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger({ sink: (l) => lines.push(JSON.parse(l)) })
  await expect(answerWithin(new Promise(() => {}), 20, command, logger)).rejects.toMatchObject({ errorCode: 504, message: 'Order v1 placeOrder did not answer within 20 ms' })
  expect(lines).toEqual([expect.objectContaining({ level: 'warn', msg: 'command timed out', traceId: 'slow-trace', timeoutMs: 20 })])
  expect(await answerWithin(Promise.resolve('fast'), 20, command, logger)).toBe('fast')
})
