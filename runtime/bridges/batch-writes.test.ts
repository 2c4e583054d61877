import { createServer, Socket, type AddressInfo } from 'node:net'
import { expect, test } from 'vitest'
import { batchWrites } from './batch-writes.ts'

test('the writes of one callback and of the promise jobs it starts leave as one writev, in order; the next callback writes again', async () => {
  const received: string[] = []
  const server = createServer((peer) => peer.on('data', (chunk) => received.push(chunk.toString())))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const socket = new Socket()
  await new Promise<void>((resolve) => socket.connect((server.address() as AddressInfo).port, '127.0.0.1', resolve))
  const batches: number[] = []
  const writev = (socket as unknown as { _writev: (chunks: unknown[], callback: unknown) => void })._writev
  ;(socket as unknown as { _writev: typeof writev })._writev = function (chunks, callback) {
    batches.push(chunks.length)
    return writev.call(this, chunks, callback)
  }
  batchWrites(socket)

  // As a broker client's read callback does: one write at once, more after a few promise jobs.
  let corkedAfterLastWrite = 0
  await new Promise<void>((resolve) =>
    setImmediate(() => {
      socket.write('a')
      void Promise.resolve()
        .then(() => socket.write('b'))
        .then(() => socket.write('c'))
        .then(() => (corkedAfterLastWrite = socket.writableCorked))
      setImmediate(resolve)
    }),
  )
  expect(corkedAfterLastWrite).toBe(1)
  expect(socket.writableCorked).toBe(0)
  expect(batches).toEqual([3])

  socket.write('d')
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(received.join('')).toBe('abcd')
  socket.destroy()
  server.close()
})

test('anything but a socket is left alone', () => {
  expect(() => batchWrites(undefined)).not.toThrow()
  expect(() => batchWrites({ write: () => true })).not.toThrow()
})
