import type { IncomingMessage } from 'node:http'
import { decodeBody, refuseEncodedBody } from './body.ts'
import { bodyTooLarge } from './problem.ts'

/** The client closed the connection before its body was read to the end. */
export class RequestAborted extends Error {}

/**
 * Reads a request's body and hands `done` the command's payload (decodeBody), or the error to
 * answer with: once, whatever the stream does after. Plain stream events and a callback: an async
 * iterator, or a promise to await, costs allocations and a microtask per request.
 */
export function readBody(req: IncomingMessage, limit: number, declaredType: string, done: (error: unknown, payload?: unknown) => void): void {
  if (Number(req.headers['content-length'] ?? 0) > limit) return done(bodyTooLarge(limit))
  const chunks: Buffer[] = []
  let size = 0
  let finished = false
  req.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size <= limit) chunks.push(chunk)
  })
  // Node reports a connection closed mid-body as an error on the request (ECONNRESET, "aborted").
  req.on('error', () => {
    if (!finished) (finished = true), done(new RequestAborted())
  })
  req.on('end', () => {
    if (finished) return
    finished = true
    if (size > limit) return done(bodyTooLarge(limit))
    if (size === 0) return done(undefined, undefined)
    let payload: unknown
    try {
      refuseEncodedBody(req.headers['content-encoding'])
      payload = decodeBody(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), req.headers['content-type'], declaredType)
    } catch (error) {
      return done(error)
    }
    done(undefined, payload)
  })
}
