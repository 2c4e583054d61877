import type { ServiceInfo } from '../builders/types.ts'
import type { Logger } from '../core/logger.ts'

/** Anything with a destroy(): a service, a bridge, a store, or `{ name, destroy }` of your own. */
export interface ShutdownEntry {
  name?: string
  info?: ServiceInfo
  destroy(): Promise<unknown> | unknown
}

const nameOf = (entry: ShutdownEntry) => entry.name ?? (entry.info ? `${entry.info.serviceName} v${entry.info.serviceVersion}` : 'an unnamed entry')

/** Destroys each entry in order, logging each; one that fails is logged and the rest still go. Resolves whether all succeeded. */
export async function shutDownInOrder(logger: Logger, list: readonly ShutdownEntry[]): Promise<boolean> {
  let allStopped = true
  for (const entry of list) {
    try {
      await entry.destroy()
      logger.info(`${nameOf(entry)} shut down`)
    } catch (error) {
      logger.error({ error }, `${nameOf(entry)} failed to shut down`)
      allStopped = false
    }
  }
  return allStopped
}

/**
 * PURISTA's helper for a main file of your own (purista's targets drain by themselves): on SIGTERM,
 * SIGINT or SIGQUIT, destroys the entries in order (put the bridge first, so no new work arrives),
 * then exits 0, or 1 if one failed, it all took longer than timeoutMs or a second signal came.
 */
export function gracefulShutdown(logger: Logger, list: readonly ShutdownEntry[], timeoutMs = 30_000): void {
  let stopping = false
  const shutDown = async (signal: NodeJS.Signals) => {
    // A second signal while shutting down means: stop now.
    if (stopping) process.exit(1)
    stopping = true
    logger.info(`${signal} received, shutting down`)
    setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms, exiting`)
      process.exit(1)
    }, timeoutMs).unref()
    process.exit((await shutDownInOrder(logger, list)) ? 0 : 1)
  }
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const) process.on(signal, shutDown)
}
