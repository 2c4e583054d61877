import { runProcess } from '../../../runtime/app/run-process.ts'
import { startApp, type AppOptions } from '../../../runtime/app/start-app.ts'
import type { ServiceBuilder } from '../../../runtime/builders/service-builder.ts'
import type { ServiceInfo } from '../../../runtime/builders/types.ts'
import type { EventBridge } from '../../../runtime/bridge/types.ts'
import type { Logger } from '../../../runtime/core/logger.ts'
import type { StateStore } from '../../../runtime/stores/types.ts'

export interface ProcessParts {
  bridge: (logger: Logger) => EventBridge
  stateStore?: (service: ServiceInfo) => StateStore
}

/** The monolith process: every service on one bridge (in memory unless configured), one HTTP server. */
export function runMonolith(services: ServiceBuilder[], options: AppOptions, parts: ProcessParts): Promise<void> {
  return runProcess(options, (logger, port) =>
    startApp(services, { ...options, http: { ...options.http, port } }, { logger, bridge: parts.bridge(logger), stateStore: parts.stateStore, serveRoutes: true }),
  )
}
