import type { ServiceInfo } from '../builders/types.ts'
import { StatusCode, UnhandledError } from '../core/errors.ts'
import { toIssue, type StandardIssue, type StandardSchemaV1 } from '../core/schema.ts'

/**
 * A service's `this.config`: the defaults, overridden by the given values, checked against the
 * config schema when the service has one. Invalid config is an error naming each field and what is
 * wrong with it, so a process that cannot run its service says why and stops. A synchronous schema
 * (zod's) answers at once, so a service made by getInstance has its config before start().
 */
export function serviceConfig(info: ServiceInfo, schema: StandardSchemaV1 | undefined, defaults: object | undefined, given: object | undefined): Config | Promise<Config> {
  const values: Config = { ...defaults, ...given }
  if (!schema) return values
  const result = schema['~standard'].validate(values)
  return result instanceof Promise ? result.then((r) => configOrThrow(info, r)) : configOrThrow(info, result)
}

type Config = Record<string, unknown>

function configOrThrow(info: ServiceInfo, result: { value?: unknown; issues?: ReadonlyArray<StandardIssue> }): Config {
  // PURISTA's config schemas are objects; a schema's output is what the functions see.
  if (!result.issues) return result.value as Config
  const issues = result.issues.map(toIssue)
  const listed = issues.map((issue) => `${issue.path || '(the whole config)'}: ${issue.message}`).join('; ')
  throw new UnhandledError(
    StatusCode.InternalServerError,
    `the config of service ${info.serviceName} v${info.serviceVersion} is invalid: ${listed} (set it in purista.config.ts under services.${info.serviceName}.config, or pass serviceConfig to getInstance)`,
    { issues },
  )
}
