import type { Server } from 'node:http'
import { Server as NetServer } from 'node:net'

/**
 * How long keep-alive connections stay open after the listener closes. A client that reuses one
 * may already have sent its next request; within this time that request is answered (with
 * `connection: close`) instead of meeting a reset socket. Busy connections close sooner: each
 * closes after its next answer, and the server is closed once none is left.
 */
export const KEEP_ALIVE_GRACE_MS = 1_000

/**
 * Stops accepting connections, lets those open finish their requests, and resolves once none is
 * left. The caller's answers must say `connection: close` from now on (see handler.ts isClosing).
 */
export function closeGracefully(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // Only connections idle at the end of the grace are closed: a client may still send on them until then.
    const grace = setTimeout(() => server.closeIdleConnections(), KEEP_ALIVE_GRACE_MS)
    // net's close, not http's: http.Server#close (Node ≥ 19) also drops every idle keep-alive
    // connection at once, resetting the requests clients are sending on them at that moment.
    NetServer.prototype.close.call(server, () => {
      clearTimeout(grace)
      resolve()
    })
  })
}
