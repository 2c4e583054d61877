import type { Logger } from '../core/logger.ts'
import { appLogger, type AppOptions, type RunningApp } from './start-app.ts'

/**
 * The life of a deployed process: port from PORT, a clear message and exit code 1 when it cannot
 * start, and on SIGTERM/SIGINT in-flight work finishes before it exits (a second signal, or a
 * shutdown stuck for 10 s, exits at once).
 */
export async function runProcess(options: AppOptions, start: (logger: Logger, port: number) => Promise<RunningApp>): Promise<void> {
  const logger = appLogger(options)
  const port = process.env.PORT ? Number(process.env.PORT) : options.http.port
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    logger.fatal(`PORT must be a number between 0 and 65535, got "${process.env.PORT}"`)
    process.exit(1)
  }
  let app: RunningApp
  try {
    app = await start(logger, port)
  } catch (error) {
    logger.fatal('failed to start', { error })
    process.exit(1)
  }
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) process.exit(1)
    stopping = true
    logger.info(`${signal} received, draining`)
    setTimeout(() => process.exit(1), 10_000).unref()
    app.close().then(
      () => process.exit(0),
      (error: unknown) => (logger.error('shutdown failed', { error }), process.exit(1)),
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}
