import { expect, test } from 'vitest'
import { HandledError, StatusCode, UnhandledError } from './errors.ts'

test('UnhandledError.fromError keeps what the logs need: message, stack, cause, trace id', () => {
  const cause = new Error('socket closed')
  const original = new Error('database down', { cause })
  const wrapped = UnhandledError.fromError(original, StatusCode.ServiceUnavailable, { db: 'users' })
  expect(wrapped).toBeInstanceOf(UnhandledError)
  expect(wrapped).toMatchObject({ errorCode: 503, message: 'database down', data: { db: 'users' }, stack: original.stack, cause })
  expect(UnhandledError.fromError('plain text')).toMatchObject({ errorCode: 500, message: 'plain text' })
  expect(UnhandledError.fromError(new HandledError(StatusCode.NotFound, 'gone', undefined, 'trace-1')).traceId).toBe('trace-1')
})
