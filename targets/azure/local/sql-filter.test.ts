import { expect, test } from 'vitest'
import { sqlFilter } from '../wiring.ts'
import { compileSqlFilter } from './sql-filter.ts'

const message = (applicationProperties: Record<string, unknown>, systemProperties: Record<string, unknown> = {}) => ({ applicationProperties, systemProperties })
const matches = (filter: string, properties: Record<string, unknown>) => compileSqlFilter(filter)(message(properties))

test('the filters purista writes match exactly the events they name', () => {
  const plain = sqlFilter({ event: 'userRegistered', eventServiceVersion: null })
  expect(matches(plain, { eventName: 'userRegistered', senderServiceVersion: '1' })).toBe(true)
  expect(matches(plain, { eventName: 'userDeleted', senderServiceVersion: '1' })).toBe(false)
  const versioned = sqlFilter({ event: "it's", eventServiceVersion: '2' })
  expect(matches(versioned, { eventName: "it's", senderServiceVersion: '2' })).toBe(true)
  expect(matches(versioned, { eventName: "it's", senderServiceVersion: '1' })).toBe(false)
})

test('AND binds tighter than OR; parentheses, NOT, <> and keywords in any case', () => {
  expect(matches("a = 'x' OR b = 'y' AND c = 'z'", { a: 'x', b: 'n', c: 'n' })).toBe(true)
  expect(matches("(a = 'x' OR b = 'y') and c = 'z'", { a: 'x', b: 'n', c: 'n' })).toBe(false)
  expect(matches("not a = 'x'", { a: 'y' })).toBe(true)
  expect(matches("a <> 'x'", { a: 'x' })).toBe(false)
  expect(matches("a != 'x'", { a: 'y' })).toBe(true)
})

test('IN and NOT IN, with strings and numbers', () => {
  expect(matches("eventName IN ('a', 'b')", { eventName: 'b' })).toBe(true)
  expect(matches("eventName IN ('a', 'b')", { eventName: 'c' })).toBe(false)
  expect(matches("eventName NOT IN ('a', 'b')", { eventName: 'c' })).toBe(true)
  expect(matches('priority IN (1, 2)', { priority: 2 })).toBe(true)
  expect(matches("priority IN (1, 2)", { priority: '2' })).toBe(false)
})

test('a property the message lacks is unknown: it matches neither = nor <> nor NOT, but OR with a true side does', () => {
  expect(matches("a = 'x'", {})).toBe(false)
  expect(matches("a <> 'x'", {})).toBe(false)
  expect(matches("NOT a = 'x'", {})).toBe(false)
  expect(matches("a = 'x' OR b = 'y'", { b: 'y' })).toBe(true)
  expect(matches("a = 'x' AND b = 'y'", { b: 'y' })).toBe(false)
})

test('user. names application properties, sys. the system properties', () => {
  const filter = compileSqlFilter("user.eventName = 'e' AND sys.Label = 'l'")
  expect(filter(message({ eventName: 'e' }, { Label: 'l' }))).toBe(true)
  expect(filter(message({ eventName: 'e', Label: 'l' }, {}))).toBe(false)
})

test('what is outside the subset is refused when compiled, naming the filter', () => {
  expect(() => compileSqlFilter("a LIKE 'x%'")).toThrow(/SQL filter "a LIKE 'x%'": expected =, <> or IN/)
  expect(() => compileSqlFilter('a > 1')).toThrow(/not supported by the local Service Bus/)
  expect(() => compileSqlFilter("(a = 'x'")).toThrow(/not closed/)
  expect(() => compileSqlFilter("a = 'x' b")).toThrow(/unexpected "b"/)
})
