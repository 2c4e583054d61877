import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHttpHandler, type HttpHandlerOptions } from './handler.ts'

export interface HttpServer {
  server: Server
  port: number
  /** Stops accepting connections and resolves once in-flight requests have been answered. */
  close(): Promise<void>
}

export async function startHttpServer(options: HttpHandlerOptions & { port: number; host?: string }): Promise<HttpServer> {
  const handle = createHttpHandler(options)
  const inFlight = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    inFlight.add(res)
    res.once('close', () => inFlight.delete(res))
    handle(req, res).catch((error: unknown) => {
      options.logger.error('response failed', { error })
      if (!res.headersSent) res.statusCode = 500
      res.end()
    })
  })
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
        // Requests still running finish, but their connections close instead of idling until keep-alive expires.
        for (const res of inFlight) res.shouldKeepAlive = false
      }),
  }
}
