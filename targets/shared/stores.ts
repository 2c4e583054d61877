import { basename } from 'node:path'
import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import type { Diagnostic } from '../../compiler/diagnostics.ts'
import type { AppOptions } from '../../runtime/app/app-options.ts'

/** The stores only the lambda target reads from; every other target reads the environment instead. */
const LAMBDA_ONLY = { 'aws-ssm': 'SSM Parameter Store', 'aws-secrets-manager': 'Secrets Manager' } as const
const isLambdaOnly = (kind: string): kind is keyof typeof LAMBDA_ONLY => Object.hasOwn(LAMBDA_ONLY, kind)

/**
 * The stores a process reads from at run time: what purista.config.ts chose, the lambda-only ones
 * read from the environment instead (the lambda target picks its store classes itself, in its entry).
 */
export function runtimeStores(stores: ResolvedConfig['stores']): AppOptions['stores'] {
  return { config: isLambdaOnly(stores.config) ? 'env' : stores.config, secret: isLambdaOnly(stores.secret) ? 'env' : stores.secret, envPrefix: stores.envPrefix }
}

/** A warning per lambda-only store when building for another target, which reads those values from the environment. */
export function lambdaOnlyStoreWarnings(config: ResolvedConfig, target: string): Diagnostic[] {
  if (target === 'lambda') return []
  return (['config', 'secret'] as const).flatMap((which) => {
    const kind = config.stores[which]
    if (!isLambdaOnly(kind)) return []
    return [
      {
        severity: 'warning' as const,
        code: 'ignored-on-target' as const,
        message: `stores.${which}: '${kind}' (${LAMBDA_ONLY[kind]}) is read on the lambda target only; on ${target}, context.${which}s reads environment variables`,
        file: basename(config.configFile),
        line: 1,
        column: 1,
        hint: `set each value as an environment variable of the ${target} processes (${which === 'config' ? 'welcomeSender' : 'apiKey'} → $${config.stores.envPrefix}${which === 'config' ? 'WELCOME_SENDER' : 'API_KEY'}), or build with --target lambda`,
      },
    ]
  })
}
