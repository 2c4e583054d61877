import { expect, test } from 'vitest'
import { bracedPath, pathParameters, pathVariants, routePathProblem } from './route-path.ts'

test('paths PURISTA apps write are valid: literals, parameters, optional last parameters', () => {
  for (const path of ['', 'users', 'users/:userId', 'foo-bar/:p/:q?', ':id?', 'files/:a?/:b?', 'v2.x/~me/a_b']) expect(routePathProblem(path), path).toBeUndefined()
})

test('what is not supported says why', () => {
  expect(routePathProblem('files/*')).toContain('wildcard segments (*) are not supported yet')
  expect(routePathProblem('posts/:id{[0-9]+}')).toContain('regular expressions on path parameters')
  expect(routePathProblem('users/:id?/orders')).toBe('"orders" follows an optional parameter: only the last segments can be optional')
  expect(routePathProblem('x/:a?/:b')).toBe(':b follows an optional parameter: only the last segments can be optional')
  expect(routePathProblem('user name')).toContain('"user name" is neither a literal segment')
  expect(routePathProblem('x/:id/y/:id')).toBe(':id appears twice: give each path parameter its own name')
})

test('an optional parameter stands for a path without it and one with it, shortest first', () => {
  expect(pathVariants('/api/v1/foo-bar/:p/:q?')).toEqual(['/api/v1/foo-bar/:p', '/api/v1/foo-bar/:p/:q'])
  expect(pathVariants('/api/v1/files/:a?/:b?')).toEqual(['/api/v1/files', '/api/v1/files/:a', '/api/v1/files/:a/:b'])
  expect(pathVariants('/api/v1/users/:id')).toEqual(['/api/v1/users/:id'])
  expect(pathParameters('foo-bar/:p/:q?')).toEqual([{ name: 'p', optional: false }, { name: 'q', optional: true }])
  expect(bracedPath('/api/v1/foo-bar/:p/:q')).toBe('/api/v1/foo-bar/{p}/{q}')
})
