import { appLogger, exitGracefully, startApp, type AppOptions } from '../../../runtime/app/start-app.ts'
import { DefaultEventBridge } from '../../../runtime/bridge/default-event-bridge.ts'
import type { ServiceBuilder } from '../../../runtime/builders/service-builder.ts'

/** The monolith process: every service on one in-memory bridge, one HTTP server on PORT. */
export async function runMonolith(services: ServiceBuilder[], options: AppOptions): Promise<void> {
  const logger = appLogger(options)
  const port = process.env.PORT ? Number(process.env.PORT) : options.http!.port
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    logger.fatal(`PORT must be a number between 0 and 65535, got "${process.env.PORT}"`)
    process.exit(1)
  }
  try {
    const bridge = new DefaultEventBridge({ defaultCommandTimeoutMs: options.commandTimeoutMs, logger })
    const app = await startApp(services, bridge, { ...options, http: { ...options.http!, port, host: process.env.HOST } }, logger)
    exitGracefully(app, (msg) => logger.info(msg))
  } catch (error) {
    logger.fatal('failed to start', { error })
    process.exit(1)
  }
}
