import type { Address } from '../core/envelope.ts'

type Name = Pick<Address, 'serviceName' | 'serviceVersion' | 'serviceTarget'>

interface Entry<T> {
  serviceName: string
  serviceVersion: string
  value: T
}

/**
 * Values by command address, looked up on every in-process call. Keyed by the target alone, with
 * the few services that have a command of that name side by side, rather than by addressKey:
 * building and hashing that string took about 80 ns a call; one lookup of the address's own string
 * (whose hash V8 keeps) and comparing two strings that are, as a rule, the same ones take a fraction.
 */
export class CommandTable<T> {
  readonly #byTarget = new Map<string, Entry<T>[]>()
  /** Every entry, in the order it was set: what values() lists, as a Map by addressKey did. */
  readonly #inOrder = new Set<Entry<T>>()

  get(address: Name): T | undefined {
    const entries = this.#byTarget.get(address.serviceTarget)
    if (entries) for (const entry of entries) if (entry.serviceName === address.serviceName && entry.serviceVersion === address.serviceVersion) return entry.value
    return undefined
  }

  set(address: Name, value: T): void {
    const { serviceName, serviceVersion, serviceTarget } = address
    const entries = this.#byTarget.get(serviceTarget) ?? []
    const entry = entries.find((e) => e.serviceName === serviceName && e.serviceVersion === serviceVersion)
    if (entry) entry.value = value
    else {
      const added = { serviceName, serviceVersion, value }
      entries.push(added)
      this.#inOrder.add(added)
    }
    this.#byTarget.set(serviceTarget, entries)
  }

  delete(address: Name): void {
    const entries = this.#byTarget.get(address.serviceTarget)
    const index = entries?.findIndex((e) => e.serviceName === address.serviceName && e.serviceVersion === address.serviceVersion) ?? -1
    if (index < 0) return
    this.#inOrder.delete(entries![index]!)
    entries!.splice(index, 1)
    if (!entries!.length) this.#byTarget.delete(address.serviceTarget)
  }

  *values(): IterableIterator<T> {
    for (const entry of this.#inOrder) yield entry.value
  }
}
