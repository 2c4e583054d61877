import type { Duplex } from 'node:stream'
import { newTraceId } from '../core/envelope.ts'
import { problem } from './problem.ts'

/** The status Node itself would answer for each of its parser's refusals; anything else is a malformed request. */
const STATUS_BY_CODE: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, HPE_CHUNK_EXTENSIONS_OVERFLOW: 413, ERR_HTTP_REQUEST_TIMEOUT: 408 }

/**
 * A request Node's HTTP parser refused (a malformed request line or header, headers over the limit …)
 * never reaches the handler, and Node answers it with an empty body. This answers it with the same
 * problem+json as every refusal purista makes, then closes the connection: the parser cannot resume.
 */
export function answerParserRejection(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has nobody to answer; a response already under way cannot be replaced.
  const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent
  if (error.code === 'ECONNRESET' || !socket.writable || started) return void socket.destroy()
  const status = STATUS_BY_CODE[error.code ?? ''] ?? 400
  const traceId = newTraceId()
  const answer = problem(status, traceId, status === 400 ? 'the request is not valid HTTP' : undefined)
  const body = JSON.stringify(answer)
  const head = `HTTP/1.1 ${status} ${answer.title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-trace-id: ${traceId}\r\nconnection: close\r\n\r\n`
  socket.end(head + body)
}
