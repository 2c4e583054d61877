import { runApp, type ProcessParts } from '../../../runtime/app/run-process.ts'
import type { AppOptions } from '../../../runtime/app/app-options.ts'
import type { ServiceBuilder } from '../../../runtime/builders/service-builder.ts'

/**
 * A service container: its services on the broker, and an HTTP server for /healthz only (the
 * gateway serves the routes). On SIGTERM it stops taking work, finishes what it has, then exits.
 */
export const runServiceContainer = (services: ServiceBuilder[], options: AppOptions, parts: ProcessParts) => runApp(services, options, parts, 'services')
