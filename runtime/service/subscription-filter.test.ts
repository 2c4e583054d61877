import { expect, test } from 'vitest'
import type { EventMessage } from '../core/envelope.ts'
import { eventMatcher, filterFields } from './subscription-filter.ts'

const event = (fields: Partial<EventMessage>): EventMessage => ({
  id: '1',
  timestamp: 0,
  messageType: 'commandSuccessResponse',
  contentType: 'application/json',
  contentEncoding: 'utf-8',
  traceId: 't',
  correlationId: 'c',
  eventName: 'added',
  sender: { serviceName: 'Math', serviceVersion: '1', serviceTarget: 'add', instanceId: 'i1' },
  payload: {},
  ...fields,
})

test('a subscription without filters gets no matcher, so its events cost no check', () => {
  expect(eventMatcher(undefined)).toBeUndefined()
  expect(eventMatcher({ sender: {} })).toBeUndefined()
})

test('an event passes only when every filtered field is equal', () => {
  const matches = eventMatcher({ principalId: 'ada', sender: { serviceName: 'Math', serviceTarget: 'add' } })!
  expect(matches(event({ principalId: 'ada' }))).toBe(true)
  expect(matches(event({ principalId: 'bob' }))).toBe(false)
  expect(matches(event({}))).toBe(false)
  expect(matches(event({ principalId: 'ada', sender: { serviceName: 'Math', serviceVersion: '1', serviceTarget: 'subtract' } }))).toBe(false)
})

test('a receiver filter never matches an event without a receiver', () => {
  const matches = eventMatcher({ receiver: { serviceName: 'HttpServer' } })!
  expect(matches(event({}))).toBe(false)
  expect(matches(event({ receiver: { serviceName: 'HttpServer', serviceVersion: '1', serviceTarget: 'http' } }))).toBe(true)
})

test('the fields come in a fixed order, so the Lambda rule pattern made from them is stable', () => {
  expect(filterFields({ receiver: { serviceName: 'A' }, messageType: 'customMessage', sender: { instanceId: 'x' }, tenantId: 't', principalId: 'p' })).toEqual([
    { path: ['principalId'], value: 'p' },
    { path: ['tenantId'], value: 't' },
    { path: ['messageType'], value: 'customMessage' },
    { path: ['sender', 'instanceId'], value: 'x' },
    { path: ['receiver', 'serviceName'], value: 'A' },
  ])
})
