import { expect, test } from 'vitest'
import type { AppModel } from '../model/app-model.ts'
import { checkServiceConfig } from './service-config-check.ts'

const model = { services: [{ serviceName: 'Task' }, { serviceName: 'User' }] } as unknown as Pick<AppModel, 'services'>

test('services in purista.config.ts must name services of the app', () => {
  expect(checkServiceConfig(model, { configFile: '/app/purista.config.ts', services: { Task: { config: {} } } })).toEqual([])
  expect(checkServiceConfig(model, { configFile: '/app/purista.config.ts', services: { Tsak: { config: {} } } })).toEqual([
    { severity: 'error', code: 'invalid-config', message: 'services names "Tsak", which is not a service of this app', file: 'purista.config.ts', line: 1, column: 1, hint: 'services are named by their serviceName: Task, User' },
  ])
})
