import type { Diagnostic } from '../../compiler/diagnostics.ts'
import type { AppModel } from '../../compiler/model/app-model.ts'
import { checkDerivedNames } from '../shared/derived-names.ts'
import { appFunctions, functionName, stackName } from './wiring.ts'

/**
 * Every function's name in AWS starts with its stack's: AWS allows 64 characters, and past them
 * CloudFormation cuts the name, so console, logs and alarms no longer say which function it is.
 * Two definitions whose names differ only where functionName rewrites (`get user`, `get-user`)
 * or in case would share one function folder.
 */
export function checkFunctionNames(model: AppModel): Diagnostic[] {
  const prefix = `${stackName(model.name)}-`
  const names = appFunctions(model).map(({ service, kind, definition }) => ({
    name: prefix + functionName(service, definition.name),
    of: `${kind} "${definition.name}" of ${service.serviceName} v${service.serviceVersion}`,
    at: definition.source,
  }))
  return checkDerivedNames(names, { kind: 'Lambda function name', pattern: /^[A-Za-z0-9_-]+$/, allowed: 'letters, digits, - and _ (<stack>-<service>-v<version>-<name>)', maxLength: 64 })
}
