import type { ConfigStore, SecretStore, StateStore } from './types.ts'

/** Values are cloned on the way in and out, as a remote store would: a caller never shares an object with the store. */
export class MemoryStateStore implements StateStore {
  private readonly values: Map<string, unknown>

  constructor(initial: Record<string, unknown> = {}) {
    this.values = new Map(Object.entries(initial).map(([name, value]) => [name, structuredClone(value)]))
  }

  async getState(...names: string[]) {
    return Object.fromEntries(names.map((name) => [name, this.values.has(name) ? structuredClone(this.values.get(name)) : undefined]))
  }

  async setState(name: string, value: unknown) {
    this.values.set(name, structuredClone(value))
  }

  async removeState(name: string) {
    this.values.delete(name)
  }
}

export class MemoryConfigStore implements ConfigStore, SecretStore {
  constructor(private readonly values: Record<string, unknown> = {}) {}

  async getConfig(...names: string[]) {
    return Object.fromEntries(names.map((name) => [name, this.values[name]]))
  }

  async getSecret(...names: string[]) {
    return this.getConfig(...names)
  }
}
