import { basename } from 'node:path'
import type { Diagnostic } from '../diagnostics.ts'
import type { AppModel } from '../model/app-model.ts'

/** services.<name> must name a service of the app: a typo would otherwise leave its config unset, silently where it has no schema. */
export function checkServiceConfig(model: Pick<AppModel, 'services'>, config: { configFile: string; services: Record<string, unknown> }): Diagnostic[] {
  const names = new Set(model.services.map((service) => service.serviceName))
  return Object.keys(config.services)
    .filter((name) => !names.has(name))
    .map((name) => ({
      severity: 'error',
      code: 'invalid-config',
      message: `services names "${name}", which is not a service of this app`,
      file: basename(config.configFile),
      line: 1,
      column: 1,
      hint: `services are named by their serviceName: ${[...names].sort().join(', ') || 'the app has none'}`,
    }))
}
