import type { ServiceBuilderBase } from '../builders/service-builder-base.ts'
import type { Logger } from '../core/logger.ts'
import { noopTracer } from '../core/tracer.ts'
import { tracing } from '../tracing/tracing.ts'
import { bindThis, mapFunctions, type BindableDefinition, type HooksMapper, type ServiceThis } from './function-this.ts'
import { serviceConfig } from './service-config.ts'

/**
 * The definition with its function, guards and transforms bound to a `this` of the Service's
 * shape, for a definition that runs without a Service (a Lambda or an Azure function of its own). Made once per container. The config is checked
 * as getInstance checks a Service's: an invalid one throws here, at init; one that a schema
 * validates asynchronously is awaited before each call (a settled promise costs one microtask).
 * The hooks are bound with `mapHooks` (hook-functions.ts), which a function gets where its definition sets hooks.
 */
export function bindStandalone<D extends BindableDefinition>(definition: D, builder: ServiceBuilderBase, logger: Logger, given: object | undefined, mapHooks?: HooksMapper): D {
  const config = serviceConfig(builder.info, builder.getConfigSchema(), builder.getDefaultConfig(), given)
  const self = { info: builder.info, logger, config: {} as Record<string, unknown>, getTracer: (name?: string, version?: string) => tracing?.tracer(name, version) ?? noopTracer } satisfies ServiceThis
  if (!(config instanceof Promise)) {
    self.config = config
    return bindThis(definition, self, mapHooks)
  }
  const ready = config.then((value) => void (self.config = value))
  // Handled, so a bad config is not an unhandled rejection before the first call; each call rethrows it.
  ready.catch(() => {})
  // A transform or a guard runs before the function: each waits for the config, not only the function.
  return mapFunctions(bindThis(definition, self, mapHooks), (fn) => async (...args: unknown[]) => (await ready, fn(...args)), mapHooks)
}
