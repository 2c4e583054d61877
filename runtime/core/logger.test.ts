import { expect, test } from 'vitest'
import { createLogger } from './logger.ts'

const logged = () => {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger({ level: 'info', sink: (line) => lines.push(JSON.parse(line)), bindings: { app: 'test' } })
  return { logger, lines }
}

test("both argument orders put the data's fields into the line: purista's (msg, data) and pino's (data, msg)", () => {
  const { logger, lines } = logged()
  logger.info('user registered', { userId: 'u1' })
  logger.info({ userId: 'u2' }, 'user registered')
  logger.warn('no data')
  logger.warn({ only: 'data' })
  expect(lines.map(({ time, ...rest }) => rest)).toEqual([
    { level: 'info', app: 'test', userId: 'u1', msg: 'user registered' },
    { level: 'info', app: 'test', userId: 'u2', msg: 'user registered' },
    { level: 'warn', app: 'test', msg: 'no data' },
    { level: 'warn', app: 'test', only: 'data' },
  ])
})

test('an Error first is logged under err with its name, message and stack, as pino does', () => {
  const { logger, lines } = logged()
  logger.error(new TypeError('boom'), 'failed')
  expect(lines[0]).toMatchObject({ level: 'error', msg: 'failed', err: { name: 'TypeError', message: 'boom', stack: expect.stringContaining('boom') } })
})

test('below the level nothing is written', () => {
  const { logger, lines } = logged()
  logger.debug({ a: 1 }, 'hidden')
  expect(lines).toEqual([])
})

test("getChildLogger is PURISTA's name for child: the bindings join every line", () => {
  const { logger, lines } = logged()
  logger.getChildLogger({ requestId: 'r1' }).info('handled')
  expect(lines[0]).toMatchObject({ level: 'info', app: 'test', requestId: 'r1', msg: 'handled' })
})
