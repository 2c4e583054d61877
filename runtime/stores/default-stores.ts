import { StatusCode, UnhandledError } from '../core/errors.ts'
import type { Logger, LogLevel } from '../core/logger.ts'
import { MemoryConfigStore, MemoryStateStore } from './memory.ts'

/**
 * PURISTA's in-memory stores under their names and constructor shapes, as PURISTA main files make
 * them: `new DefaultConfigStore({ config: { emailProviderUrl: '…' } })`. They are purista's memory
 * stores; `name` and `destroy()` let gracefulShutdown stop them with everything else.
 */
export interface DefaultStoreOptions {
  /** The values the store starts with. */
  config?: Record<string, unknown>
  /** false: every read is refused (401), as PURISTA's store does. Default: true. */
  enableGet?: boolean
  /** Accepted for PURISTA's shape; purista's context stores have no setters for configs and secrets. */
  enableSet?: boolean
  enableRemove?: boolean
  logger?: Logger
  logLevel?: LogLevel
}

const refuseReads = (name: string) => new UnhandledError(StatusCode.Unauthorized, `${name}: reading is disabled (enableGet: false)`)

export class DefaultConfigStore extends MemoryConfigStore {
  readonly name: string = 'DefaultConfigStore'
  readonly #readable: boolean

  constructor(options: DefaultStoreOptions = {}) {
    super(options.config)
    this.#readable = options.enableGet ?? true
  }

  override async getConfig(...names: string[]) {
    if (!this.#readable) throw refuseReads(this.name)
    return super.getConfig(...names)
  }

  async destroy(): Promise<void> {}
}

export class DefaultSecretStore extends DefaultConfigStore {
  override readonly name = 'DefaultSecretStore'
}

export class DefaultStateStore extends MemoryStateStore {
  readonly name = 'DefaultStateStore'

  constructor(options: Pick<DefaultStoreOptions, 'config' | 'logger' | 'logLevel'> = {}) {
    super(options.config)
  }

  async destroy(): Promise<void> {}
}
