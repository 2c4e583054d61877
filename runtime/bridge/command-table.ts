import type { Address } from '../core/envelope.ts'

type Name = Pick<Address, 'serviceName' | 'serviceVersion' | 'serviceTarget'>

/**
 * Values by command address, looked up on every in-process call. Nested by name, version and
 * target rather than keyed by addressKey: building and hashing that string took about 80 ns a call,
 * three lookups of the address's own strings (whose hashes V8 keeps) less than half of it.
 */
export class CommandTable<T> {
  readonly #byName = new Map<string, Map<string, Map<string, T>>>()

  get(address: Name): T | undefined {
    return this.#byName.get(address.serviceName)?.get(address.serviceVersion)?.get(address.serviceTarget)
  }

  set(address: Name, value: T): void {
    let versions = this.#byName.get(address.serviceName)
    if (!versions) this.#byName.set(address.serviceName, (versions = new Map()))
    let targets = versions.get(address.serviceVersion)
    if (!targets) versions.set(address.serviceVersion, (targets = new Map()))
    targets.set(address.serviceTarget, value)
  }

  delete(address: Name): void {
    const versions = this.#byName.get(address.serviceName)
    const targets = versions?.get(address.serviceVersion)
    if (!targets?.delete(address.serviceTarget) || targets.size) return
    versions!.delete(address.serviceVersion)
    if (!versions!.size) this.#byName.delete(address.serviceName)
  }

  *values(): IterableIterator<T> {
    for (const versions of this.#byName.values()) for (const targets of versions.values()) yield* targets.values()
  }
}
