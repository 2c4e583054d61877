import type { ServiceBuilderBase } from '../builders/service-builder-base.ts'
import type { Logger } from '../core/logger.ts'
import { noopTracer } from '../core/tracer.ts'
import { tracing } from '../tracing/tracing.ts'
import { bindThis, type ServiceThis } from './function-this.ts'
import { serviceConfig } from './service-config.ts'

type Definition = { fn: (...args: any[]) => unknown }

/**
 * The definition with its function bound to a `this` of the Service's shape, for a function that
 * runs without a Service (one Lambda per function). Made once per container. The config is checked
 * as getInstance checks a Service's: an invalid one throws here, at init; one that a schema
 * validates asynchronously is awaited before each call (a settled promise costs one microtask).
 */
export function bindStandalone<D extends Definition>(definition: D, builder: ServiceBuilderBase, logger: Logger, given: object | undefined): D {
  const config = serviceConfig(builder.info, builder.getConfigSchema(), builder.getDefaultConfig(), given)
  const self = { info: builder.info, logger, config: {} as Record<string, unknown>, getTracer: (name?: string, version?: string) => tracing?.tracer(name, version) ?? noopTracer } satisfies ServiceThis
  if (!(config instanceof Promise)) {
    self.config = config
    return bindThis(definition, self)
  }
  const ready = config.then((value) => void (self.config = value))
  // Handled, so a bad config is not an unhandled rejection before the first call; each call rethrows it.
  ready.catch(() => {})
  const fn = definition.fn.bind(self)
  return { ...definition, fn: async (...args: unknown[]) => (await ready, fn(...args)) }
}
