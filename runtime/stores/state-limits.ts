import type { ServiceInfo } from '../builders/types.ts'
import { HandledError, StatusCode } from '../core/errors.ts'
import { stateNameCheck } from './state-names.ts'
import type { StateStore } from './types.ts'

// The limits of the strictest state store a target may use, checked in front of every store: a
// state the monolith keeps in memory is one Lambda can keep in DynamoDB and Azure in Table storage,
// and a state over them is the caller's error (400/413 naming the limit) on every target, never a
// 503 on one of them only. The key limits are in state-names.ts.

/** DynamoDB's item, counted as DynamoDB counts it: attribute names and values. */
export const STATE_ITEM_LIMIT_BYTES = 400 * 1024

/** The item's attribute names next to the value: "key" and "value" (see dynamodb.ts). */
const ITEM_OVERHEAD = 'key'.length + 'value'.length

/** The store behind the limits: the same methods, each refusing what the strictest store would. */
export function withStateLimits(store: StateStore, service: ServiceInfo): StateStore {
  const namespaceBytes = Buffer.byteLength(`${service.serviceName}:${service.serviceVersion}:`)
  const checkName = stateNameCheck(service)
  return {
    // async: a refusal is a rejected promise, as the store's own failures are.
    getState: async (...names) => (names.forEach(checkName), store.getState(...names)),
    removeState: async (name) => (checkName(name), store.removeState(name)),
    setState: async (name, value) => {
      checkName(name)
      const size = ITEM_OVERHEAD + namespaceBytes + Buffer.byteLength(name) + dynamoSize(value)
      if (size > STATE_ITEM_LIMIT_BYTES) throw new HandledError(StatusCode.PayloadTooLarge, `state "${name.slice(0, 64)}" is ${size} bytes as stored; a state may have at most ${STATE_ITEM_LIMIT_BYTES} bytes (DynamoDB's item limit, on every target)`)
      return store.setState(name, value)
    },
  }
}

/**
 * A value's size as DynamoDB counts it (the document client's marshalling: undefined dropped):
 * strings their UTF-8 bytes, numbers about a byte per two digits, lists and maps 3 bytes plus a
 * byte per element, map keys their bytes. Values that are not JSON types count as their JSON.
 */
export function dynamoSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value)
  if (typeof value === 'number') return 1 + Math.ceil(String(Math.abs(value)).replace(/[.e+-]|^0+/g, '').length / 2)
  if (typeof value === 'boolean' || value === null) return 1
  if (Array.isArray(value)) return value.reduce((size: number, element) => size + 1 + dynamoSize(element), 3)
  if (typeof value === 'object' && !(value instanceof Date)) {
    let size = 3
    for (const [key, element] of Object.entries(value as Record<string, unknown>)) if (element !== undefined) size += Buffer.byteLength(key) + 1 + dynamoSize(element)
    return size
  }
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? '')
}
