import { expect, test } from 'vitest'
import { getNewInstanceId } from '../index.ts'

test("getNewInstanceId, PURISTA's helper, gives a new id on every call", () => {
  const ids = new Set(Array.from({ length: 1000 }, getNewInstanceId))
  expect(ids.size).toBe(1000)
})
