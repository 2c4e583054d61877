import { expect, test } from 'vitest'
import { brokerNamespace } from './namespace.ts'

test("the build's namespace, unless PURISTA_NAMESPACE names another", () => {
  expect(brokerNamespace('user-email', {})).toBe('user-email')
  expect(brokerNamespace('user-email', { PURISTA_NAMESPACE: '' })).toBe('user-email')
  expect(brokerNamespace('user-email', { PURISTA_NAMESPACE: 'staging_user-email' })).toBe('staging_user-email')
})

test('a PURISTA_NAMESPACE no broker takes is refused, naming the rule', () => {
  expect(() => brokerNamespace('user-email', { PURISTA_NAMESPACE: 'a.b' })).toThrow('PURISTA_NAMESPACE "a.b" is not a namespace: use letters, digits, - and _ only')
})
