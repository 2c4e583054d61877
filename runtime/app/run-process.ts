import type { ServiceInfo } from '../builders/types.ts'
import type { EventBridge } from '../bridge/types.ts'
import type { Logger } from '../core/logger.ts'
import type { HttpAuth } from './start-app.ts'
import type { StateStore } from '../stores/types.ts'
import type { ServiceBuilder } from '../builders/service-builder.ts'
import type { ResourceMap } from '../builders/types.ts'
import { appLogger, type AppOptions } from './app-options.ts'
import { startApp, type AppRole, type RunningApp } from './start-app.ts'
import { tracing } from '../tracing/tracing.ts'

/** What a generated entry hands a target's runtime: how to make its bridge and its state stores. */
export interface ProcessParts {
  bridge: (logger: Logger) => EventBridge
  stateStore?: (service: ServiceInfo) => StateStore
  /** Only in entries that serve routes, when purista.config.ts names an auth guard. */
  auth?: HttpAuth
  /** Makes the resources the services declare, once, as the process starts (a failure stops it with its reason). */
  resources?: () => Promise<ResourceMap>
}

/**
 * The life of a deployed process: port from PORT, a clear message and exit code 1 when it cannot
 * start, and on SIGTERM/SIGINT in-flight work finishes before it exits (a second signal, or a
 * shutdown stuck for 10 s, exits at once).
 */
export async function runProcess(options: AppOptions, start: (logger: Logger, port: number) => Promise<RunningApp>): Promise<void> {
  const logger = appLogger(options)
  const port = process.env.PORT ? Number(process.env.PORT) : options.http.port
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    logger.fatal(`PORT must be a number between 0 and 65535, got "${process.env.PORT}"`)
    process.exit(1)
  }
  // Handlers go in before anything starts: a signal that arrives while starting still drains.
  let app: RunningApp | undefined
  let stopping: string | undefined
  const drain = (running: RunningApp) => {
    setTimeout(() => process.exit(1), 10_000).unref()
    running.close().then(
      // The spans still batched go out before the process does; an export that fails must not stop the exit.
      async () => (await tracing?.shutdown().catch(() => {}), process.exit(0)),
      (error: unknown) => (logger.error('shutdown failed', { error }), process.exit(1)),
    )
  }
  const stop = (signal: string) => {
    if (stopping) process.exit(1)
    stopping = signal
    logger.info(`${signal} received, draining`)
    if (app) drain(app)
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  try {
    app = await start(logger, port)
  } catch (error) {
    logger.fatal('failed to start', { error })
    process.exit(1)
  }
  if (stopping) drain(app)
}

/** A deployed process in one of its roles: the whole of what a target's runtime entry does. */
export function runApp(builders: ServiceBuilder[], options: AppOptions, parts: ProcessParts, role: AppRole): Promise<void> {
  return runProcess(options, async (logger, port) =>
    startApp(builders, { ...options, http: { ...options.http, port } }, { logger, bridge: parts.bridge(logger), stateStore: parts.stateStore, auth: parts.auth, resources: await parts.resources?.(), role }),
  )
}
