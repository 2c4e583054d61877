import { expect, test } from 'vitest'
import { analyzeProject } from './test-project.ts'

const app = (...routes: string[]) => ({
  'src/svc.ts': `import { ServiceBuilder } from '@purista/core'
export const svc = new ServiceBuilder({ serviceName: 'Delay', serviceVersion: '1', serviceDescription: '' })
${routes.map((route, i) => `const c${i} = svc.getCommandBuilder('c${i}', '').exposeAsHttpEndpoint('GET', '${route}').setCommandFunction(async () => 1)`).join('\n')}
export const service = svc.addCommandDefinition(${routes.map((_, i) => `c${i}.getDefinition()`).join(', ')})
`,
})

test('optional last path parameters, as in PURISTA’s hono example, are valid and kept in the model', () => {
  const { model, diagnostics } = analyzeProject(app('foo-bar/:p/:q?', 'files/:a?/:b?'))
  expect(diagnostics).toEqual([])
  expect(model.services[0]!.commands.map((c) => c.http?.path)).toEqual(['/api/v1/foo-bar/:p/:q?', '/api/v1/files/:a?/:b?'])
})

test('a required segment after an optional one is an invalid route, reported at the call with what is wrong', () => {
  const files = app('users/:id?/orders')
  const { diagnostics } = analyzeProject(files)
  const column = files['src/svc.ts'].split('\n')[2]!.indexOf('exposeAsHttpEndpoint') + 1
  expect(diagnostics).toEqual([
    expect.objectContaining({ severity: 'error', code: 'invalid-route', file: 'src/svc.ts', line: 3, column, message: 'invalid path "users/:id?/orders": "orders" follows an optional parameter: only the last segments can be optional' }),
  ])
})

test('route forms Hono has and purista not yet are named in the diagnostic', () => {
  const messages = analyzeProject(app('files/*', 'posts/:id{[0-9]+}')).diagnostics.map((d) => d.message)
  expect(messages).toEqual([expect.stringContaining('wildcard segments (*) are not supported yet'), expect.stringContaining('regular expressions on path parameters')])
})

test('a route whose optional parameter is left out collides with a route of that shorter path', () => {
  const { diagnostics } = analyzeProject(app('users', 'users/:id?'))
  expect(diagnostics).toEqual([expect.objectContaining({ code: 'duplicate-route', line: 4, message: expect.stringContaining('GET /api/v1/users is also served by Delay.c0') })])
})
