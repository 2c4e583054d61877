import { expect, test } from 'vitest'
import { HandledError, UnhandledError } from './errors.ts'
import { validate, type StandardSchemaV1 } from './schema.ts'

/** A Standard Schema written by hand: no zod involved. */
const positive = (async: boolean): StandardSchemaV1<unknown, number> => ({
  '~standard': {
    version: 1,
    vendor: 'hand-written',
    validate(value) {
      const result = typeof value === 'number' && value > 0 ? { value } : { issues: [{ message: 'must be a positive number', path: [{ key: 'n' }] }] }
      return async ? Promise.resolve(result) : result
    },
  },
})

test('a synchronous Standard Schema is used without a promise', () => {
  expect(validate(positive(false), 3, 'payload', 400)).toBe(3)
})

test('an asynchronous Standard Schema is awaited', async () => {
  const result = validate(positive(true), 3, 'payload', 400)
  expect(result).toBeInstanceOf(Promise)
  await expect(result).resolves.toBe(3)
})

test('issues become a 400 with paths for a request, an UnhandledError for our own output', async () => {
  expect(() => validate(positive(false), -1, 'payload', 400)).toThrow(HandledError)
  try {
    validate(positive(false), -1, 'payload', 400)
  } catch (error) {
    expect(error).toMatchObject({ errorCode: 400, message: 'invalid payload', data: { issues: [{ path: 'n', message: 'must be a positive number' }] } })
    expect(error).not.toBeInstanceOf(UnhandledError)
  }
  await expect(validate(positive(true), 'x', 'output', 500)).rejects.toBeInstanceOf(UnhandledError)
})
