import { expect, test } from 'vitest'
import type { EventMessage } from '../../runtime/core/envelope.ts'
import { eventMatcher, type SubscriptionFilter } from '../../runtime/service/subscription-filter.ts'
import { matchesPattern, type EventPattern } from './local/event-pattern.ts'
import { EVENT_SOURCE } from './runtime/names.ts'
import { eventPattern } from './wiring.ts'

const event = (fields: Partial<EventMessage>): EventMessage => ({
  id: '1',
  timestamp: 0,
  messageType: 'commandSuccessResponse',
  contentType: 'application/json',
  contentEncoding: 'utf-8',
  traceId: 't',
  correlationId: 'c',
  eventName: 'ordered',
  sender: { serviceName: 'Order', serviceVersion: '1', serviceTarget: 'place' },
  receiver: { serviceName: 'HttpServer', serviceVersion: '1', serviceTarget: 'http' },
  payload: {},
  ...fields,
})

// wiring.ts types its patterns narrowly; the matcher takes any pattern.
const matches = (pattern: unknown, event: unknown) => matchesPattern(pattern as EventPattern, event)

test("a subscription's filters are in its rule's pattern, beside the sender version", () => {
  expect(eventPattern({ event: 'ordered', eventServiceVersion: '1', filter: { principalId: 'ada', sender: { serviceTarget: 'place' }, receiver: { serviceName: 'HttpServer' } } })).toEqual({
    source: [EVENT_SOURCE],
    'detail-type': ['ordered'],
    detail: { principalId: ['ada'], sender: { serviceVersion: ['1'], serviceTarget: ['place'] }, receiver: { serviceName: ['HttpServer'] } },
  })
  expect(eventPattern({ event: 'ordered', eventServiceVersion: null, filter: null })).toEqual({ source: [EVENT_SOURCE], 'detail-type': ['ordered'] })
})

test('the rule takes exactly the events the in-process filter takes', () => {
  const filters: SubscriptionFilter[] = [
    { principalId: 'ada' },
    { tenantId: 'acme', messageType: 'customMessage' },
    { sender: { serviceName: 'Order', serviceTarget: 'place' } },
    { receiver: { serviceName: 'Billing' } },
  ]
  const events = [
    event({}),
    event({ principalId: 'ada' }),
    event({ principalId: 'bob', tenantId: 'acme', messageType: 'customMessage', receiver: undefined }),
    event({ tenantId: 'acme' }),
    event({ sender: { serviceName: 'Order', serviceVersion: '2', serviceTarget: 'cancel' }, receiver: { serviceName: 'Billing', serviceVersion: '1', serviceTarget: 'charge' } }),
  ]
  for (const filter of filters) {
    const pattern = eventPattern({ event: 'ordered', eventServiceVersion: null, filter })
    const inProcess = eventMatcher(filter)!
    for (const e of events) {
      // EventBridge sees the envelope as JSON: fields left undefined are not there at all.
      const detail = JSON.parse(JSON.stringify(e))
      expect(matches(pattern, { source: EVENT_SOURCE, 'detail-type': 'ordered', detail }), JSON.stringify({ filter, e })).toBe(inProcess(e))
    }
  }
})
