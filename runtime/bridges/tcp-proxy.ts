import { createServer, Socket, type AddressInfo, type Server } from 'node:net'

/**
 * A TCP proxy for fault tests: `cut()` drops every connection and refuses new ones, as a broker
 * that went away would; `restore()` lets clients in again. The broker itself stays up.
 */
export class TcpProxy {
  private server?: Server
  private readonly sockets = new Set<Socket>()
  private refusing = false
  port = 0

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (this.refusing) return client.destroy()
      const upstream = new Socket()
      for (const s of [client, upstream]) {
        this.sockets.add(s)
        s.on('close', () => this.sockets.delete(s))
        s.on('error', () => {})
      }
      upstream.connect(this.targetPort, this.targetHost)
      client.pipe(upstream).pipe(client)
      client.on('close', () => upstream.destroy())
      upstream.on('close', () => client.destroy())
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.server!.address() as AddressInfo).port
  }

  cut(): void {
    this.refusing = true
    for (const socket of this.sockets) socket.destroy()
  }

  restore(): void {
    this.refusing = false
  }

  async stop(): Promise<void> {
    this.cut()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }
}
