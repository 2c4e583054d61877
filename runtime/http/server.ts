import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { closeGracefully } from './close-gracefully.ts'
import { createHttpHandler, type HttpHandlerOptions } from './handler.ts'
import { answerParserRejection } from './parser-rejection.ts'

export interface HttpServer {
  server: Server
  port: number
  /** Stops accepting connections and resolves once in-flight requests, and those sent on open keep-alive connections within a grace, have been answered. */
  close(): Promise<void>
}

export async function startHttpServer(options: HttpHandlerOptions & { port: number; host?: string }): Promise<HttpServer> {
  let closing = false
  const handle = createHttpHandler({ ...options, isClosing: () => closing })
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.logger.error('response failed', { error })
      if (!res.headersSent) res.statusCode = 500
      res.end()
    })
  })
  server.keepAliveTimeout = 5_000
  server.on('clientError', answerParserRejection)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => {
      closing = true
      return closeGracefully(server)
    },
  }
}
