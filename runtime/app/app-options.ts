import { createLogger, type Logger, type LogLevel } from '../core/logger.ts'
import { EnvStore } from '../stores/env.ts'
import { MemoryConfigStore } from '../stores/memory.ts'

// Apart from start-app.ts, which serves HTTP: a Lambda function needs these and none of that.

/** How a build wants its services run; generated from purista.config.ts, never written by users. */
export interface AppOptions {
  name: string
  logLevel: LogLevel
  commandTimeoutMs: number
  http: { port: number; bodyLimit: number }
  stores: { config: 'env' | 'memory'; secret: 'env' | 'memory'; envPrefix: string }
  /** By service name: the values of each service's this.config, from purista.config.ts (services.<name>.config). */
  serviceConfig?: Record<string, Record<string, unknown>>
}

export const appLogger = (options: Pick<AppOptions, 'name' | 'logLevel'>): Logger =>
  createLogger({ level: (process.env.LOG_LEVEL as LogLevel | undefined) ?? options.logLevel, bindings: { app: options.name } })

/** Config and secrets come from the environment unless the config says memory. */
export const configStores = ({ stores }: Pick<AppOptions, 'stores'>) => ({
  configStore: stores.config === 'env' ? new EnvStore(stores.envPrefix) : new MemoryConfigStore(),
  secretStore: stores.secret === 'env' ? new EnvStore(stores.envPrefix) : new MemoryConfigStore(),
})
