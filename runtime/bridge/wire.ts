import type { Message } from '../core/envelope.ts'

// A command's answer in its response envelope is respond.ts: a file of its own, since esbuild places
// a file whole in a chunk, and a function that only decodes events need not carry it.

/** The envelope on the wire is JSON, the same on every broker. */
export const encode = (message: Message): Buffer => Buffer.from(JSON.stringify(message))

export function decode<T extends Message>(data: Uint8Array | string): T {
  const text = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')
  const message = JSON.parse(text) as T
  if (typeof message !== 'object' || message === null || typeof message.messageType !== 'string') throw new Error('not a purista message envelope')
  return message
}

/** Broker names allow fewer characters than service names: keep letters, digits, - and _. */
export const token = (name: string): string => name.replace(/[^A-Za-z0-9_-]/g, '_')
