import type { ServiceInfo } from '../builders/types.ts'
import type { Logger } from '../core/logger.ts'
import type { Tracer } from '../core/tracer.ts'

/**
 * What `this` is inside a command or subscription function written with `function` (not an
 * arrow), and inside its guard hooks and transforms: the service instance, as PURISTA binds it. On
 * monolith and containers it is the Service; a function target runs without one and gets an
 * object of the same shape.
 */
export interface ServiceThis<Config = Record<string, unknown>> {
  readonly info: ServiceInfo
  /** The service config: setDefaultConfig's values, then the given ones, validated by setConfigSchema's schema. */
  readonly config: Config
  readonly logger: Logger
  /** A tracer that records nothing yet (see core/tracer.ts). */
  getTracer(name?: string, version?: string): Tracer
}

type AnyFunction = (...args: any[]) => unknown

/** The hooks of a command or a subscription, as their definitions hold them (types.ts). */
export interface BindableHooks {
  transformInput?: { fn: AnyFunction }
  transformOutput?: { fn: AnyFunction }
  beforeGuards: Record<string, AnyFunction>
  afterGuards: Record<string, AnyFunction>
}

/** A command's or a subscription's definition: what `this` is bound in. */
export type BindableDefinition = { fn: AnyFunction; hooks?: BindableHooks }

/** Rewrites every function of a definition's hooks (hook-functions.ts): handed in where hooks may run, as the hook runners are. */
export type HooksMapper = <H extends BindableHooks>(hooks: H, wrap: (fn: AnyFunction) => AnyFunction) => H

/**
 * The definition with its function, and with `mapHooks` every hook, rewritten by `wrap`; the
 * definition itself is left as it is. Without `mapHooks` the hooks stay as they are: a function
 * built without the hook runner refuses a definition that sets them (hooks-not-bundled.ts).
 */
export function mapFunctions<D extends BindableDefinition>(definition: D, wrap: (fn: AnyFunction) => AnyFunction, mapHooks?: HooksMapper): D {
  const { hooks } = definition
  return { ...definition, fn: wrap(definition.fn), ...(hooks && mapHooks && { hooks: mapHooks(hooks, wrap) }) }
}

/** The definition with its function, guards and transforms bound to `self`: once, when the definition is put to work, never per call. */
export const bindThis = <D extends BindableDefinition>(definition: D, self: ServiceThis<any>, mapHooks?: HooksMapper): D => mapFunctions(definition, (fn) => fn.bind(self), mapHooks)
