/**
 * How long a value read from a remote store is reused: a rotated secret or a changed parameter is
 * seen within this time, and a busy function does not pay a request per read. AWS's own Parameters
 * and Secrets Lambda extension keeps values as long by default.
 */
export const REMOTE_STORE_TTL_MS = 5 * 60_000

/**
 * Values read once and kept for ttlMs, per process (on Lambda: per container). The promise is kept,
 * so reads of one name at the same time share one request; a read that failed is not kept.
 */
export class CachedReads {
  private readonly entries = new Map<string, { value: Promise<string>; expiresAt: number }>()

  constructor(
    private readonly read: (name: string) => Promise<string>,
    private readonly ttlMs = REMOTE_STORE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async getAll(names: string[]): Promise<Record<string, string>> {
    return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await this.get(name)] as const)))
  }

  private get(name: string): Promise<string> {
    const cached = this.entries.get(name)
    if (cached && cached.expiresAt > this.now()) return cached.value
    const value = this.read(name)
    this.entries.set(name, { value, expiresAt: this.now() + this.ttlMs })
    value.catch(() => this.entries.get(name)?.value === value && this.entries.delete(name))
    return value
  }
}
