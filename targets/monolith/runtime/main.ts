import { runApp, type ProcessParts } from '../../../runtime/app/run-process.ts'
import type { AppOptions } from '../../../runtime/app/app-options.ts'
import type { ServiceBuilder } from '../../../runtime/builders/service-builder.ts'

/** The monolith process: every service on one bridge (in memory unless configured), one HTTP server. */
export const runMonolith = (services: ServiceBuilder[], options: AppOptions, parts: ProcessParts) => runApp(services, options, parts, 'all')
