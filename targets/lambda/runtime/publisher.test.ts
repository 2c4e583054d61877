import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, expect, test } from 'vitest'
import { createEvent } from '../../../runtime/service/context.ts'
import { EventPublisher, MAX_ENTRY_BYTES } from './publisher.ts'

// EventBridge itself cannot run here: its API is mocked, everything around it is real.
const eventBridge = mockClient(EventBridgeClient)
afterEach(() => eventBridge.reset())

const sender = { serviceName: 'User', serviceVersion: '1', serviceTarget: 'registerNewUser' }
const event = (i: number, payload: unknown = { i }) => createEvent(`event${i}`, payload, sender, { traceId: `trace-${i}`, principalId: 'p', tenantId: 't' }, 'customMessage')
const publisher = () => new EventPublisher({ busName: 'app-events', client: new EventBridgeClient({ region: 'us-east-1' }), backoffMs: 0 })
const accepted = (entries: number) => ({ FailedEntryCount: 0, Entries: Array.from({ length: entries }, (_, i) => ({ EventId: `id-${i}` })) })

test('events emitted together go out ten per PutEvents call, each carrying the whole envelope', async () => {
  eventBridge.on(PutEventsCommand).callsFake((input) => accepted(input.Entries.length))
  const p = publisher()
  await Promise.all(Array.from({ length: 25 }, (_, i) => p.publish(event(i))))
  const calls = eventBridge.commandCalls(PutEventsCommand)
  expect(calls.map((c) => c.args[0].input.Entries!.length)).toEqual([10, 10, 5])
  const first = calls[0]!.args[0].input.Entries![0]!
  expect(first).toMatchObject({ EventBusName: 'app-events', Source: 'purista', DetailType: 'event0' })
  expect(JSON.parse(first.Detail!)).toMatchObject({ eventName: 'event0', traceId: 'trace-0', principalId: 'p', tenantId: 't', sender, payload: { i: 0 } })
})

test('entries EventBridge reports as failed are sent again, alone', async () => {
  eventBridge
    .on(PutEventsCommand)
    .resolvesOnce({ FailedEntryCount: 1, Entries: [{ EventId: 'a' }, { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }, { EventId: 'c' }] })
    .resolves(accepted(1))
  const p = publisher()
  await Promise.all([p.publish(event(0)), p.publish(event(1)), p.publish(event(2))])
  const calls = eventBridge.commandCalls(PutEventsCommand)
  expect(calls).toHaveLength(2)
  expect(calls[1]!.args[0].input.Entries!.map((e) => e.DetailType)).toEqual(['event1'])
})

test('an event that keeps failing rejects its emit with the reason; the others still succeed', async () => {
  eventBridge.on(PutEventsCommand).callsFake((input) => ({
    FailedEntryCount: 1,
    Entries: input.Entries.map((e: { DetailType: string }) => (e.DetailType === 'event1' ? { ErrorCode: 'InternalFailure', ErrorMessage: 'boom' } : { EventId: 'ok' })),
  }))
  const p = publisher()
  const [ok, failed] = await Promise.allSettled([p.publish(event(0)), p.publish(event(1))])
  expect(ok.status).toBe('fulfilled')
  expect(failed).toMatchObject({ status: 'rejected', reason: { errorCode: 503, message: 'EventBridge did not take event "event1" after 4 attempts (InternalFailure: boom)' } })
  expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(4)
})

test('a failing call is retried, then rejects every event of the batch', async () => {
  eventBridge.on(PutEventsCommand).rejects(new Error('connect ECONNREFUSED'))
  await expect(publisher().publish(event(0))).rejects.toMatchObject({ errorCode: 503, message: expect.stringContaining('ECONNREFUSED') })
})

test('an event over 256 KB is refused before any call, with a clear error', async () => {
  const big = event(0, { blob: 'x'.repeat(MAX_ENTRY_BYTES) })
  await expect(publisher().publish(big)).rejects.toThrow(/event "event0" is \d+ bytes; EventBridge takes at most 262144 bytes per event/)
  expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0)
})

test('settled() waits for calls still open', async () => {
  let release!: () => void
  eventBridge.on(PutEventsCommand).callsFake(() => new Promise((resolve) => (release = () => resolve(accepted(1)))))
  const p = publisher()
  let done = false
  void p.publish(event(0)).then(() => (done = true))
  await new Promise((r) => setTimeout(r, 5))
  const settled = p.settled()
  release()
  await settled
  expect(done).toBe(true)
})

test('no bus configured is a clear error at init', () => {
  const saved = process.env.PURISTA_EVENT_BUS
  delete process.env.PURISTA_EVENT_BUS
  expect(() => new EventPublisher()).toThrow(/PURISTA_EVENT_BUS/)
  if (saved !== undefined) process.env.PURISTA_EVENT_BUS = saved
})
