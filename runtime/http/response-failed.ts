import type { ServerResponse } from 'node:http'
import type { Logger } from '../core/logger.ts'

/** A request whose answer, even its problem answer, could not be written: logged, and ended with a 500 if nothing was sent yet. */
export function responseFailed(res: ServerResponse, error: unknown, logger: Logger): void {
  logger.error('response failed', { error })
  if (!res.headersSent) res.statusCode = 500
  res.end()
}
