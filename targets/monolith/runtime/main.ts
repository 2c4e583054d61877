import { runProcess, type ProcessParts } from '../../../runtime/app/run-process.ts'
import { startApp, type AppOptions } from '../../../runtime/app/start-app.ts'
import type { ServiceBuilder } from '../../../runtime/builders/service-builder.ts'

/** The monolith process: every service on one bridge (in memory unless configured), one HTTP server. */
export function runMonolith(services: ServiceBuilder[], options: AppOptions, parts: ProcessParts): Promise<void> {
  return runProcess(options, (logger, port) =>
    startApp(services, { ...options, http: { ...options.http, port } }, { logger, bridge: parts.bridge(logger), stateStore: parts.stateStore, serveRoutes: true }),
  )
}
