import type { ServiceBuilder } from '../builders/service-builder.ts'
import type { ResourceMap, ServiceInfo } from '../builders/types.ts'
import type { EventBridge } from '../bridge/types.ts'
import type { Logger } from '../core/logger.ts'
import type { HttpAuthGuard } from '../http/auth-guard.ts'
import type { OpenApiSecurity } from '../http/openapi.ts'
import { collectRoutes } from '../http/routes.ts'
import { startHttpServer, type HttpServer } from '../http/server.ts'
import type { Service } from '../service/service.ts'
import { MemoryStateStore } from '../stores/memory.ts'
import type { StateStore } from '../stores/types.ts'
import { configStores, type AppOptions } from './app-options.ts'

/**
 * What a process does with its services: 'all' runs them and serves their routes (monolith),
 * 'services' runs them and serves /healthz only (a service container), 'gateway' runs none and
 * serves their routes, forwarding each request over the bridge.
 */
export type AppRole = 'all' | 'services' | 'gateway'

/** The app's auth guard, and how OpenAPI describes what it reads. */
export interface HttpAuth {
  guard: HttpAuthGuard
  scheme: OpenApiSecurity['scheme']
}

export interface AppParts {
  logger: Logger
  bridge: EventBridge
  /** Where each service keeps context.states; in memory unless the target brings a shared store. */
  stateStore?: (service: ServiceInfo) => StateStore
  auth?: HttpAuth
  /** context.resources of every service's functions, made once for the process. */
  resources?: ResourceMap
  role: AppRole
}

export interface RunningApp {
  services: Service[]
  http: HttpServer
  /** Stops taking requests, lets in-flight ones finish, then stops services and the bridge. */
  close(): Promise<void>
}

/** Starts the bridge, the services (unless a gateway), and an HTTP server on options.http.port. */
export async function startApp(builders: ServiceBuilder[], options: AppOptions, parts: AppParts): Promise<RunningApp> {
  const { logger, bridge } = parts
  const { configStore, secretStore } = configStores(options)

  await bridge.start()
  const services = (parts.role === 'gateway' ? [] : builders).map((builder) =>
    builder.getInstance(bridge, {
      logger,
      configStore,
      secretStore,
      stateStore: parts.stateStore?.(builder.info) ?? new MemoryStateStore(),
      commandTimeoutMs: options.commandTimeoutMs,
      serviceConfig: options.serviceConfig?.[builder.info.serviceName],
      resources: parts.resources,
    }),
  )
  for (const service of services) await service.start()
  // Routes come from the definitions, so a gateway serves them without running the services.
  const routes = parts.role === 'services' ? [] : collectRoutes(builders.map((b) => ({ info: b.info, commandDefinitions: b.getCommandDefinitions() })))
  const http = await startHttpServer({
    ...options.http,
    host: process.env.HOST,
    routes,
    bridge,
    logger,
    commandTimeoutMs: options.commandTimeoutMs,
    title: options.name,
    authGuard: parts.auth?.guard,
    authScheme: parts.auth?.scheme,
  })
  logger.info('listening', { port: http.port, routes: routes.length })

  return {
    services,
    http,
    async close() {
      await http.close()
      for (const service of services) await service.stop()
      await bridge.destroy()
    },
  }
}
