import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import type { Diagnostic } from '../../compiler/diagnostics.ts'
import type { AppModel } from '../../compiler/model/app-model.ts'
import { appFunctions, functionName } from '../lambda/wiring.ts'
import { checkDerivedNames, type DerivedName } from '../shared/derived-names.ts'
import { appOfService, serviceKey } from './wiring.ts'

/** The Functions host refuses any other function name, and tells names apart ignoring case. */
const AZURE_FUNCTION_NAME = { kind: 'Azure function name', pattern: /^[A-Za-z][A-Za-z0-9_-]*$/, allowed: 'a letter, then letters, digits, - and _', maxLength: 128 }

/** Each Function App's function names: valid for the host and distinct within the app. */
export function checkFunctionNames(model: AppModel, config: ResolvedConfig): Diagnostic[] {
  const appOf = appOfService(model, config)
  const byApp = new Map<string, DerivedName[]>()
  for (const { service, kind, definition } of appFunctions(model)) {
    const app = appOf.get(serviceKey(service))!
    const names = byApp.get(app) ?? byApp.set(app, []).get(app)!
    names.push({ name: functionName(service, definition.name), of: `${kind} "${definition.name}" of ${service.serviceName} v${service.serviceVersion}`, at: definition.source })
  }
  return [...byApp.values()].flatMap((names) => checkDerivedNames(names, AZURE_FUNCTION_NAME))
}
