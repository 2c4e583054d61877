import { Socket } from 'node:net'

/**
 * Lets the writes one turn of the event loop makes to a socket leave together, in one system call.
 * amqplib writes each message and each ack at once, one call apiece: the kernel's loopback path and
 * the broker's reads then cost more than the messages themselves. Corked until the turn ends
 * (setImmediate runs after the turn's I/O callbacks and their promise jobs), they go out as one writev.
 */
export function batchWrites(socket: unknown): void {
  if (!(socket instanceof Socket)) return // a client library's internals changed: writes just stay unbatched
  const write = socket.write
  let corked = false
  socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    if (!corked) {
      corked = true
      this.cork()
      setImmediate(() => {
        corked = false
        this.uncork()
      })
    }
    return write.apply(this, args)
  } as Socket['write']
}
