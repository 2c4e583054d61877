import { startApp, exitGracefully, type AppOptions } from '../../../runtime/app/start-app.ts'
import { DefaultEventBridge } from '../../../runtime/bridge/default-event-bridge.ts'
import type { ServiceBuilder } from '../../../runtime/builders/service-builder.ts'
import { createLogger } from '../../../runtime/core/logger.ts'

/** The monolith process: every service on one in-memory bridge, one HTTP server on PORT. */
export async function runMonolith(services: ServiceBuilder[], options: AppOptions): Promise<void> {
  const logger = createLogger({ level: options.logLevel, bindings: { app: options.name } })
  const port = process.env.PORT === undefined ? options.http!.port : Number(process.env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    logger.fatal(`PORT must be a number between 0 and 65535, got "${process.env.PORT}"`)
    process.exit(1)
  }
  try {
    const app = await startApp(services, new DefaultEventBridge({ defaultCommandTimeoutMs: options.commandTimeoutMs, logger }), {
      ...options,
      http: { ...options.http!, port, host: process.env.HOST },
    })
    exitGracefully(app, (msg) => logger.info(msg))
  } catch (error) {
    logger.fatal('failed to start', { error })
    process.exit(1)
  }
}
