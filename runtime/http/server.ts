import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { closeGracefully } from './close-gracefully.ts'
import { createHttpHandler, type HttpHandlerOptions } from './handler.ts'
import { answerParserRejection } from './parser-rejection.ts'
import { responseFailed } from './response-failed.ts'

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
    // The untraced handler answers without a promise; a throw must not reach the emitter, where it would crash the process.
    try {
      handle(req, res)?.catch((error: unknown) => responseFailed(res, error, options.logger))
    } catch (error) {
      responseFailed(res, error, options.logger)
    }
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
