import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import type { Diagnostic } from '../../compiler/diagnostics.ts'
import type { AppModel } from '../../compiler/model/app-model.ts'
import { appFunctions } from '../lambda/wiring.ts'

/** What Key Vault accepts as a secret's name: getSecret('api_key') could never be created there. */
const KEY_VAULT_SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/

/** With stores.secret 'azure-key-vault', each name a function reads must be one Key Vault can hold. */
export function checkSecretNames(model: AppModel, config: ResolvedConfig): Diagnostic[] {
  if (config.stores.secret !== 'azure-key-vault') return []
  return appFunctions(model).flatMap(({ service, kind, definition }) =>
    definition.secrets
      .filter((name) => !KEY_VAULT_SECRET_NAME.test(name))
      .map((name) => ({
        severity: 'error' as const,
        code: 'invalid-name' as const,
        message: `${kind} "${definition.name}" of ${service.serviceName} v${service.serviceVersion} reads the secret "${name}", a name Key Vault cannot hold`,
        file: definition.source.file,
        line: definition.source.line,
        column: definition.source.column,
        hint: 'a Key Vault secret name is letters, digits and -, at most 127 characters: getSecret("smtp-password")',
      })),
  )
}
