import { expect, test } from 'vitest'
import type { HttpRoute } from './routes.ts'
import { createRouter } from './routes.ts'

const route = (method: HttpRoute['method'], path: string) => ({ method, path, name: `${method} ${path}` }) as unknown as HttpRoute
const routes = [route('GET', '/api/v1/users/:userId'), route('GET', '/api/v1/users/me'), route('POST', '/api/v1/users'), route('GET', '/api/v1/users/:userId/orders/:orderId')]
const match = createRouter(routes)

test('static segments win over parameters, whatever the declaration order', () => {
  expect(match('GET', '/api/v1/users/me')).toMatchObject({ kind: 'found', route: routes[1], params: {} })
  expect(match('GET', '/api/v1/users/42')).toMatchObject({ kind: 'found', route: routes[0], params: { userId: '42' } })
})

test('parameters are URI-decoded, several per path', () => {
  expect(match('GET', '/api/v1/users/a%20b/orders/7')).toMatchObject({ kind: 'found', params: { userId: 'a b', orderId: '7' } })
})

test('a trailing slash is ignored', () => {
  expect(match('POST', '/api/v1/users/')).toMatchObject({ kind: 'found', route: routes[2] })
})

test('a known path with another method reports the allowed methods', () => {
  expect(match('DELETE', '/api/v1/users')).toEqual({ kind: 'method-not-allowed', allowed: ['POST'] })
  expect(match('POST', '/api/v1/users/42')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] })
})

test('unknown paths, empty and malformed parameters are not found', () => {
  expect(match('GET', '/api/v1/people')).toEqual({ kind: 'not-found' })
  expect(match('GET', '/api/v1/users//orders/1')).toEqual({ kind: 'not-found' })
  expect(match('GET', '/api/v1/users/%E0%A4%A')).toEqual({ kind: 'not-found' })
})

test('an optional last parameter matches with and without its segment', () => {
  const optional = [route('GET', '/api/v1/foo-bar/:p/:q?'), route('GET', '/api/v1/files/:a?/:b?')]
  const matchOptional = createRouter(optional)
  expect(matchOptional('GET', '/api/v1/foo-bar/1')).toMatchObject({ kind: 'found', route: optional[0], params: { p: '1' } })
  expect(matchOptional('GET', '/api/v1/foo-bar/1/2')).toMatchObject({ kind: 'found', route: optional[0], params: { p: '1', q: '2' } })
  expect(matchOptional('GET', '/api/v1/foo-bar')).toEqual({ kind: 'not-found' })
  expect(matchOptional('GET', '/api/v1/files')).toMatchObject({ kind: 'found', route: optional[1], params: {} })
  expect(matchOptional('GET', '/api/v1/files/x/y')).toMatchObject({ kind: 'found', route: optional[1], params: { a: 'x', b: 'y' } })
  expect(matchOptional('POST', '/api/v1/foo-bar/1')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] })
})
