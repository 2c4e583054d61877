import { expect, test } from 'vitest'
import { z } from 'zod'
import { ServiceBuilder } from '../builders/service-builder.ts'
import { HandledError, StatusCode } from '../core/errors.ts'
import { createLogger } from '../core/logger.ts'
import type { EventMessage } from '../core/envelope.ts'
import { MemoryConfigStore, MemoryStateStore } from '../stores/memory.ts'
import { createEvent, type ContextDeps } from './context.ts'
import { subscriptionHandler } from './subscription-handler.ts'
import { hookedSubscription } from './subscription-hooks.ts'

const svc = new ServiceBuilder({ serviceName: 'Audit', serviceVersion: '1', serviceDescription: '' })
const address = { serviceName: 'Audit', serviceVersion: '1', serviceTarget: 'auditOrder' }
const sender = { serviceName: 'Shop', serviceVersion: '1', serviceTarget: 'order' }

function deliver(builder: { getDefinition(): any }, payload: unknown, principalId?: string) {
  const emitted: EventMessage[] = []
  const deps: ContextDeps = {
    bridge: { invoke: async () => undefined, emit: async (event) => void emitted.push(event) },
    logger: createLogger({ level: 'fatal' }),
    states: new MemoryStateStore(),
    configs: new MemoryConfigStore(),
    secrets: new MemoryConfigStore(),
  }
  const handle = subscriptionHandler(builder.getDefinition(), address, deps, hookedSubscription)
  return { done: handle(createEvent('orderPlaced', payload, sender, { traceId: 't', principalId }, 'customMessage')), emitted }
}

test("a subscription's hooks run in PURISTA's order around its function, and the output event carries the transformed output", async () => {
  const steps: string[] = []
  const subscription = svc
    .getSubscriptionBuilder('auditOrder', '')
    .subscribeToEvent('orderPlaced')
    .addPayloadSchema(z.object({ orderId: z.string() }))
    .addOutputSchema('orderAudited', z.object({ audited: z.boolean() }))
    // An older producer still sends { id }: the transform reads it, the function sees { orderId }.
    .setTransformInput(z.object({ id: z.string() }), z.object({}), async (_context, event, parameter) => (steps.push(`transform input ${event.id}`), { payload: { orderId: event.id }, parameter }))
    .setBeforeGuardHooks({ known: async (_context, payload) => void steps.push(`before guard ${payload.orderId}`) })
    .setAfterGuardHooks({ audited: async (_context, result, parameter) => void steps.push(`after guard ${result.audited} ${JSON.stringify(parameter)}`) })
    .setTransformOutput(z.object({ orderId: z.string(), audited: z.boolean() }), async (_context, output) => (steps.push('transform output'), { orderId: 'o-1', ...output }))
    .setSubscriptionFunction(async (_context, payload) => (steps.push(`function ${payload.orderId}`), { audited: true }))

  const { done, emitted } = deliver(subscription, { id: 'o-1' })
  await done
  expect(steps).toEqual(['transform input o-1', 'before guard o-1', 'function o-1', 'after guard true {}', 'transform output'])
  expect(emitted.map((e) => [e.eventName, e.payload])).toEqual([['orderAudited', { orderId: 'o-1', audited: true }]])
})

test('a guard that refuses fails the run before the function, so the bridge retries or dead-letters the event', async () => {
  let ran = false
  const subscription = svc
    .getSubscriptionBuilder('auditOrder', '')
    .subscribeToEvent('orderPlaced')
    .setBeforeGuardHooks({
      fromAShop: async (context) => {
        if (context.message.principalId !== 'shop') throw new HandledError(StatusCode.Forbidden, 'only shops place orders')
      },
    })
    .setSubscriptionFunction(async () => void (ran = true))
  await expect(deliver(subscription, {}, 'someone').done).rejects.toMatchObject({ errorCode: 403, message: 'only shops place orders' })
  expect(ran).toBe(false)
  await deliver(subscription, {}, 'shop').done
  expect(ran).toBe(true)
})

test("an event the input transform's schema rejects fails the run as an invalid payload does", async () => {
  const subscription = svc
    .getSubscriptionBuilder('auditOrder', '')
    .subscribeToEvent('orderPlaced')
    .setTransformInput(z.object({ id: z.string() }), z.object({}), async (_context, event, parameter) => ({ payload: event, parameter }))
    .setSubscriptionFunction(async () => {})
  await expect(deliver(subscription, { id: 7 }).done).rejects.toMatchObject({ errorCode: 400 })
})
