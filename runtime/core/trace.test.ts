import { describe, expect, it } from 'vitest'
import { newTraceId } from './envelope.ts'
import { traceIdFromHeaders } from './trace.ts'

const W3C_TRACE_ID = /^[\da-f]{32}$/

describe('newTraceId', () => {
  it('makes W3C trace ids, all different, also past a refill of the random pool', () => {
    const ids = Array.from({ length: 1_000 }, newTraceId)
    for (const id of ids) expect(id).toMatch(W3C_TRACE_ID)
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('traceIdFromHeaders', () => {
  it('takes the trace id of a W3C traceparent', () => {
    const traceparent = '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'
    expect(traceIdFromHeaders({ traceparent, 'x-trace-id': 'other' })).toBe('4bf92f3577b34da6a3ce929d0e0e4736')
  })

  it('takes a safe x-trace-id when there is no traceparent', () => {
    expect(traceIdFromHeaders({ 'x-trace-id': 'my-first-trace' })).toBe('my-first-trace')
  })

  it('replaces an all-zero traceparent, a malformed x-trace-id or none with a new id', () => {
    const zeros = '0'.repeat(32)
    for (const headers of [{ traceparent: `00-${zeros}-00f067aa0ba902b7-01` }, { 'x-trace-id': 'a b\r\nset-cookie: x' }, {}]) {
      const id = traceIdFromHeaders(headers)
      expect(id).toMatch(W3C_TRACE_ID)
      expect(id).not.toBe(zeros) // all zeros is W3C's "invalid", though it matches the pattern
    }
  })
})
