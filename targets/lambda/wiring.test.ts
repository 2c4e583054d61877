import { join } from 'node:path'
import { expect, test } from 'vitest'
import { analyzeProject } from '../../compiler/analyze/test-project.ts'
import { loadConfig } from '../../compiler/config/load-config.ts'
import { REPO } from '../../e2e/helpers.ts'
import { deriveWiring } from './wiring.ts'

test('an optional path parameter gives its function two HttpApi paths, since HttpApi has no optional parameters', () => {
  const { model, diagnostics } = analyzeProject({
    'src/svc.ts': `import { ServiceBuilder } from '@purista/core'
export const svc = new ServiceBuilder({ serviceName: 'Delay', serviceVersion: '1', serviceDescription: '' })
const fooBar = svc.getCommandBuilder('fooBar', '').exposeAsHttpEndpoint('GET', 'foo-bar/:p/:q?').setCommandFunction(async () => 1)
const ping = svc.getCommandBuilder('ping', '').exposeAsHttpEndpoint('POST', 'ping/:id').setCommandFunction(async () => 1)
export const service = svc.addCommandDefinition(fooBar.getDefinition(), ping.getDefinition())
`,
  })
  expect(diagnostics).toEqual([])
  const { functions } = deriveWiring(model, loadConfig(join(REPO, 'purista.config.ts')).config!)
  expect(Object.fromEntries(functions.map((f) => [f.name, f.route]))).toEqual({
    'Delay-v1-fooBar': { method: 'GET', paths: ['/api/v1/foo-bar/{p}', '/api/v1/foo-bar/{p}/{q}'] },
    'Delay-v1-ping': { method: 'POST', paths: ['/api/v1/ping/{id}'] },
  })
})
