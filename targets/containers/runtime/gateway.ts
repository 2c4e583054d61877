import { runApp, type ProcessParts } from '../../../runtime/app/run-process.ts'
import type { AppOptions } from '../../../runtime/app/app-options.ts'
import type { ServiceBuilder } from '../../../runtime/builders/service-builder.ts'

/**
 * The HTTP gateway: every route and the OpenAPI document, each request forwarded to the service
 * over the broker. It runs no service: it reads the definitions only for their routes and schemas.
 */
export const runGateway = (services: ServiceBuilder[], options: AppOptions, parts: ProcessParts) => runApp(services, options, parts, 'gateway')
