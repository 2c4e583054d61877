import type { ServiceInfo } from '../builders/types.ts'
import type { Logger } from '../core/logger.ts'
import type { Tracer } from '../core/tracer.ts'

/**
 * What `this` is inside a command or subscription function written with `function` (not an
 * arrow): the service instance, as PURISTA binds it. On monolith and containers it is the Service;
 * a Lambda function runs without one and gets an object of the same shape.
 */
export interface ServiceThis<Config = Record<string, unknown>> {
  readonly info: ServiceInfo
  /** The service config: setDefaultConfig's values, then the given ones, validated by setConfigSchema's schema. */
  readonly config: Config
  readonly logger: Logger
  /** A tracer that records nothing yet (see core/tracer.ts). */
  getTracer(name?: string, version?: string): Tracer
}

/** The definition with its function bound to `self`: once, when the definition is put to work, never per call. */
export const bindThis = <D extends { fn: (...args: any[]) => unknown }>(definition: D, self: ServiceThis<any>): D => ({ ...definition, fn: definition.fn.bind(self) })
