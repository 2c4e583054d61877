/*
 * The few helpers of zod's core `util` that zod-lite's classes need, written out as zod has them
 * (zod/v4/core/util.js). Reaching them as `core.util.x` would keep the whole `util` namespace,
 * ~9 KB of a function's bundle, because a bundler cannot drop members of a namespace object that
 * is itself read as a value; zod's package does not export util.js on its own.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

/** A new def with every property descriptor of the given ones, later ones winning (getters stay getters). */
export function mergeDefs(...defs: object[]): Any {
  const descriptors: PropertyDescriptorMap = {}
  for (const def of defs) Object.assign(descriptors, Object.getOwnPropertyDescriptors(def))
  return Object.defineProperties({}, descriptors)
}

/** A schema factory's params: a string is the error message, `message` is the older name of `error`. */
export function normalizeParams(params?: Any): Any {
  if (!params) return {}
  if (typeof params === 'string') return { error: () => params }
  if (params.message !== undefined) {
    if (params.error !== undefined) throw new Error('Cannot specify both `message` and `error` params')
    params.error = params.message
  }
  delete params.message
  if (typeof params.error === 'string') return { ...params, error: () => params.error }
  return params
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

function isPlainObject(value: unknown): boolean {
  if (!isObject(value)) return false
  const ctor = value.constructor
  if (ctor === undefined || typeof ctor !== 'function') return true
  const proto: unknown = ctor.prototype
  return isObject(proto) && Object.prototype.hasOwnProperty.call(proto, 'isPrototypeOf')
}

/** A default value handed out once per parse: plain objects, arrays, maps and sets are copied, a level deep. */
export function shallowClone<T>(value: T): T {
  if (isPlainObject(value)) return { ...(value as object) } as T
  if (Array.isArray(value)) return [...value] as T
  if (value instanceof Map) return new Map(value) as T
  if (value instanceof Set) return new Set(value) as T
  return value
}

/** The thunk `.catch(value)` makes, marked as zod marks it (core reads the mark, under this key). */
export function constantCatch<T>(value: T): () => T {
  const fn = () => value
  ;(fn as Any)['~constantCatch'] = true
  return fn
}

/** A getter on the instance's prototype, computed once per instance and then kept as its own property. */
export function installLazyProp(inst: object, key: string, make: (self: Any) => unknown, enumerable: boolean): void {
  const proto = Object.getPrototypeOf(inst)
  if (key in proto) return
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      const value = make(this)
      Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value })
      return value
    },
  })
}
