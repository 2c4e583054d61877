import { expect, test } from 'vitest'
import { camelCase, propertyKey, typeNamePrefix } from './names.ts'

test('names follow PURISTA’s client builder', () => {
  expect(camelCase('User')).toBe('user')
  expect(camelCase('ping-pong')).toBe('pingPong')
  expect(typeNamePrefix('user', '1', 'registerNewUser')).toBe('UserV1RegisterNewUser')
})

test('a key that is not an identifier is quoted', () => {
  expect(propertyKey('v1')).toBe('v1')
  expect(propertyKey('v1.2')).toBe('"v1.2"')
})
