import { expect, test } from 'vitest'
import { MemoryStateStore } from './memory.ts'
import { dynamoSize, STATE_ITEM_LIMIT_BYTES, withStateLimits } from './state-limits.ts'

const store = () => withStateLimits(new MemoryStateStore(), { serviceName: 'User', serviceVersion: '1', serviceDescription: '' })

test('sizes count as DynamoDB counts them', () => {
  expect(dynamoSize('héllo')).toBe(6)
  expect(dynamoSize({ a: 'bc', n: undefined })).toBe(3 + 1 + 1 + 2)
  expect(dynamoSize([true, null, 12345])).toBe(3 + 2 + 2 + 1 + 4)
})

test('a value within the item limit is stored and read back', async () => {
  const states = store()
  await states.setState('user:1', { name: 'x'.repeat(300 * 1024) })
  expect((await states.getState('user:1'))['user:1']).toEqual({ name: 'x'.repeat(300 * 1024) })
})

test('a value over the item limit is a 413 naming the limit, and nothing is stored', async () => {
  const states = store()
  const write = states.setState('user:1', { name: 'x'.repeat(500 * 1024) })
  await expect(write).rejects.toMatchObject({ errorCode: 413, message: expect.stringContaining(`at most ${STATE_ITEM_LIMIT_BYTES} bytes (DynamoDB's item limit, on every target)`) })
  expect((await states.getState('user:1'))['user:1']).toBeUndefined()
})

test('a name over the key limits is a 400 on every method', async () => {
  const states = store()
  const tooLong = 'e'.repeat(2100)
  for (const call of [() => states.getState(tooLong), () => states.setState(tooLong, 1), () => states.removeState(tooLong)]) {
    await expect(call()).rejects.toMatchObject({ errorCode: 400, message: expect.stringContaining("DynamoDB's key limit") })
  }
  // Within DynamoDB's bytes but over Table storage's row key once percent-encoded.
  await expect(states.setState('ü'.repeat(200), 1)).rejects.toMatchObject({ errorCode: 400, message: expect.stringContaining("Table storage's row key limit") })
})
