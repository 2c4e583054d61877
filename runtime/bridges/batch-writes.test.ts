import { createServer, Socket, type AddressInfo } from 'node:net'
import { expect, test } from 'vitest'
import { batchWrites } from './batch-writes.ts'

test('the writes of one event-loop turn leave as one writev, in order, and the next turn writes again', async () => {
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

  socket.write('a')
  socket.write('b')
  socket.write('c')
  expect(socket.writableCorked).toBe(1)
  await new Promise((resolve) => setImmediate(resolve))
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
