import { runProcess, type ProcessParts } from '../../../runtime/app/run-process.ts'
import { startApp, type AppOptions } from '../../../runtime/app/start-app.ts'
import type { ServiceBuilder } from '../../../runtime/builders/service-builder.ts'

/**
 * A service container: its services on the broker, and an HTTP server for /healthz only (the
 * gateway serves the routes). On SIGTERM it stops taking work, finishes what it has, then exits.
 */
export function runServiceContainer(services: ServiceBuilder[], options: AppOptions, parts: ProcessParts): Promise<void> {
  return runProcess(options, (logger, port) =>
    startApp(services, { ...options, http: { ...options.http, port } }, { logger, bridge: parts.bridge(logger), stateStore: parts.stateStore, serveRoutes: false }),
  )
}
