import type { ServiceInfo } from '../builders/types.ts'
import { HandledError, StatusCode } from '../core/errors.ts'

// The name half of the state limits (state-limits.ts): a file of its own, as esbuild places a file
// whole in a chunk, so a function that only reads state carries the key limits and not the value's.

/** DynamoDB's partition key: the key is `<service>:<version>:<name>` (see dynamodb.ts). */
export const STATE_KEY_LIMIT_BYTES = 2048
/** Table storage's row key: the name percent-encoded (see table-state-store.ts). */
export const STATE_ROW_KEY_LIMIT = 1024
/** A UTF-16 unit percent-encodes to at most 9 characters: shorter names are within both key limits. */
const ALWAYS_SHORT_ENOUGH = Math.floor(STATE_ROW_KEY_LIMIT / 9)

/** Throws where a state name is over the key limits of the strictest store (DynamoDB's key with the service's prefix, Table storage's row key). */
export function stateNameCheck(service: ServiceInfo): (name: string) => void {
  const namespaceBytes = Buffer.byteLength(`${service.serviceName}:${service.serviceVersion}:`)
  return (name) => {
    if (name.length <= ALWAYS_SHORT_ENOUGH) return
    if (namespaceBytes + Buffer.byteLength(name) > STATE_KEY_LIMIT_BYTES) throw new HandledError(StatusCode.BadRequest, `state name of ${Buffer.byteLength(name)} bytes is too long: the key may have at most ${STATE_KEY_LIMIT_BYTES} bytes with the service's prefix (DynamoDB's key limit, on every target)`)
    if (encodeURIComponent(name).length > STATE_ROW_KEY_LIMIT) throw new HandledError(StatusCode.BadRequest, `state name is too long: it may have at most ${STATE_ROW_KEY_LIMIT} characters percent-encoded (Table storage's row key limit, on every target)`)
  }
}
