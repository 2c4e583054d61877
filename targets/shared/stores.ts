import { basename } from 'node:path'
import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import type { Diagnostic } from '../../compiler/diagnostics.ts'
import type { AppOptions } from '../../runtime/app/app-options.ts'

/** The stores of one cloud, each read on its target only; every other target reads the environment instead. */
const CLOUD_STORES = {
  'aws-ssm': { target: 'lambda', service: 'SSM Parameter Store' },
  'aws-secrets-manager': { target: 'lambda', service: 'Secrets Manager' },
  'azure-key-vault': { target: 'azure', service: 'Key Vault' },
} as const
const isCloudStore = (kind: string): kind is keyof typeof CLOUD_STORES => Object.hasOwn(CLOUD_STORES, kind)

/**
 * The stores a process reads from at run time: what purista.config.ts chose, the cloud ones read
 * from the environment instead (the lambda and azure targets pick their store classes themselves, in their entries).
 */
export function runtimeStores(stores: ResolvedConfig['stores']): AppOptions['stores'] {
  return { config: isCloudStore(stores.config) ? 'env' : stores.config, secret: isCloudStore(stores.secret) ? 'env' : stores.secret, envPrefix: stores.envPrefix }
}

/** A warning per cloud store when building for a target that does not read it: that target reads those values from the environment. */
export function cloudStoreWarnings(config: ResolvedConfig, target: string): Diagnostic[] {
  return (['config', 'secret'] as const).flatMap((which) => {
    const kind = config.stores[which]
    if (!isCloudStore(kind) || CLOUD_STORES[kind].target === target) return []
    const { target: home, service } = CLOUD_STORES[kind]
    return [
      {
        severity: 'warning' as const,
        code: 'ignored-on-target' as const,
        message: `stores.${which}: '${kind}' (${service}) is read on the ${home} target only; on ${target}, context.${which}s reads environment variables`,
        file: basename(config.configFile),
        line: 1,
        column: 1,
        hint: `set each value as an environment variable of the ${target} processes (${which === 'config' ? 'welcomeSender' : 'apiKey'} → $${config.stores.envPrefix}${which === 'config' ? 'WELCOME_SENDER' : 'API_KEY'}), or build with --target ${home}`,
      },
    ]
  })
}
