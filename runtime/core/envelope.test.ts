import { expect, test } from 'vitest'
import { getNewInstanceId } from '../index.ts'
import { newId } from './envelope.ts'

test("getNewInstanceId, PURISTA's helper, gives a new id on every call", () => {
  const ids = new Set(Array.from({ length: 1000 }, getNewInstanceId))
  expect(ids.size).toBe(1000)
})

test('message ids are the prefix and a counter in base 36, across the rewrites of its head', () => {
  const first = newId()
  const prefix = first.slice(0, first.lastIndexOf('-') + 1)
  let counter = parseInt(first.slice(prefix.length), 36)
  for (let i = 0; i < 5_000; i++) expect(newId()).toBe(prefix + (++counter).toString(36))
})
