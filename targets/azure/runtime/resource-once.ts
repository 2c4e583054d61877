/**
 * The worker loads every function module of its app into one process, and each module makes the
 * resources its service declares: through here they share one, as the other targets make one per
 * process (a pool per worker, not per function).
 */
const made = new Map<() => unknown, Promise<unknown>>()

export function resourceOnce<T>(provider: () => T | Promise<T>): Promise<T> {
  let resource = made.get(provider)
  if (!resource) made.set(provider, (resource = Promise.resolve().then(provider)))
  return resource as Promise<T>
}
