import { runProcess, type ProcessParts } from '../../../runtime/app/run-process.ts'
import type { AppOptions } from '../../../runtime/app/start-app.ts'
import type { ServiceBuilder } from '../../../runtime/builders/service-builder.ts'
import { collectRoutes } from '../../../runtime/http/routes.ts'
import { startHttpServer } from '../../../runtime/http/server.ts'

/**
 * The HTTP gateway: every route and the OpenAPI document, each request forwarded to the service
 * over the broker. It runs no service: it reads the definitions only for their routes and schemas.
 */
export function runGateway(services: ServiceBuilder[], options: AppOptions, parts: ProcessParts): Promise<void> {
  return runProcess(options, async (logger, port) => {
    const bridge = parts.bridge(logger)
    await bridge.start()
    const routes = collectRoutes(services.map((s) => ({ info: s.info, commandDefinitions: s.getCommandDefinitions() })))
    const http = await startHttpServer({ port, host: process.env.HOST, bodyLimit: options.http.bodyLimit, routes, bridge, logger, commandTimeoutMs: options.commandTimeoutMs, title: options.name })
    logger.info('listening', { port: http.port, routes: routes.length })
    return {
      services: [],
      http,
      async close() {
        await http.close()
        await bridge.destroy()
      },
    }
  })
}
