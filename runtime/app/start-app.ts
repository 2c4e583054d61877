import type { ServiceBuilder } from '../builders/service-builder.ts'
import type { EventBridge } from '../bridge/types.ts'
import { createLogger, type Logger, type LogLevel } from '../core/logger.ts'
import { collectRoutes } from '../http/routes.ts'
import { startHttpServer, type HttpServer } from '../http/server.ts'
import type { Service } from '../service/service.ts'
import { EnvStore } from '../stores/env.ts'
import { MemoryConfigStore, MemoryStateStore } from '../stores/memory.ts'

/** How a build wants its services run; generated from purista.config.ts, never written by users. */
export interface AppOptions {
  name: string
  logLevel: LogLevel
  commandTimeoutMs: number
  http?: { port: number; host?: string; bodyLimit: number }
  stores: { config: 'env' | 'memory'; secret: 'env' | 'memory'; envPrefix: string; state: 'memory' }
}

export interface RunningApp {
  services: Service[]
  http?: HttpServer
  /** Stops taking requests, lets in-flight ones finish, then stops services and the bridge. */
  close(): Promise<void>
}

export const appLogger = (options: Pick<AppOptions, 'name' | 'logLevel'>): Logger =>
  createLogger({ level: (process.env.LOG_LEVEL as LogLevel | undefined) ?? options.logLevel, bindings: { app: options.name } })

export async function startApp(builders: ServiceBuilder[], bridge: EventBridge, options: AppOptions, logger = appLogger(options)): Promise<RunningApp> {
  const configStore = options.stores.config === 'env' ? new EnvStore(options.stores.envPrefix) : new MemoryConfigStore()
  const secretStore = options.stores.secret === 'env' ? new EnvStore(options.stores.envPrefix) : new MemoryConfigStore()

  await bridge.start()
  const services = builders.map((builder) =>
    builder.getInstance(bridge, { logger, configStore, secretStore, stateStore: new MemoryStateStore(), commandTimeoutMs: options.commandTimeoutMs }),
  )
  for (const service of services) await service.start()

  const http = options.http
    ? await startHttpServer({ ...options.http, routes: collectRoutes(services), bridge, logger, commandTimeoutMs: options.commandTimeoutMs, title: options.name })
    : undefined
  if (http) logger.info('listening', { port: http.port })

  return {
    services,
    http,
    async close() {
      await http?.close()
      for (const service of services) await service.stop()
      await bridge.destroy()
    },
  }
}

/** SIGTERM/SIGINT: finish in-flight work, then exit; a second signal or a stuck shutdown exits at once. */
export function exitGracefully(app: RunningApp, log: (msg: string) => void, forceAfterMs = 10_000) {
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) process.exit(1)
    stopping = true
    log(`${signal} received, draining`)
    setTimeout(() => process.exit(1), forceAfterMs).unref()
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}
