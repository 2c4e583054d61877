import { expect, test } from 'vitest'
import { evaluate, evaluateValue, format } from './arm-expression.ts'

const functions = {
  format,
  variables: (name: unknown) => ({ storageName: 'stlocal' })[name as 'storageName'],
  reference: (symbol: unknown) => (symbol === 'siteShop' ? { defaultHostName: '127.0.0.1:7071' } : {}),
  concat: (...parts: unknown[]) => parts.join(''),
}

test('function calls, nested, with string literals whose quotes are doubled', () => {
  expect(evaluate("format('{0}/default/{1}', variables('storageName'), 'it''s')", functions)).toBe("stlocal/default/it's")
  expect(evaluate("concat('a', 'b', concat())", functions)).toBe('ab')
})

test('property access and indexing; a property the object lacks is undefined', () => {
  expect(evaluate("reference('siteShop').defaultHostName", functions)).toBe('127.0.0.1:7071')
  expect(evaluate("reference('siteShop')['defaultHostName']", functions)).toBe('127.0.0.1:7071')
  expect(evaluate("reference('insights').ConnectionString", functions)).toBeUndefined()
  expect(() => evaluate("reference('insights').a.b", functions)).toThrow(/no property b/)
})

test('template values: brackets are expressions, [[ is an escaped literal, objects and arrays are walked', () => {
  expect(evaluateValue({ a: "[format('x{0}', 1)]", b: ['[[not an expression]', 'plain'] }, functions)).toEqual({ a: 'x1', b: ['[not an expression]', 'plain'] })
})

test('format() keeps doubled braces as one', () => {
  expect(format('{{literal}} {0}', 'v')).toBe('{literal} v')
})

test('a function the local run does not know is named', () => {
  expect(() => evaluate("listSecrets('x')", functions)).toThrow(/listSecrets\(\) is not something a local run can evaluate/)
})
