/**
 * The behaviour every event bridge must show, as one suite: the in-memory bridge and each broker
 * bridge run it against a real broker (see the *.conformance.test.ts files).
 */
import { afterEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { ServiceBuilder } from '../builders/service-builder.ts'
import { HandledError, StatusCode } from '../core/errors.ts'
import { createLogger } from '../core/logger.ts'
import type { Service } from '../service/service.ts'
import { createCommand } from '../service/context.ts'
import { TcpProxy } from '../bridges/tcp-proxy.ts'
import type { EventBridge } from './types.ts'

export interface BridgeUnderTest {
  name: string
  /**
   * A new bridge, not yet started: for a broker bridge, a connection of its own, as another process
   * would have. `instance` names the instance when a test restarts it; bridges that keep state per instance use it.
   */
  create(instance?: string): EventBridge
  /** Instances on separate connections share work and events; false for the in-memory bridge. */
  distributed: boolean
  /**
   * For broker bridges: the broker's URL (and the protocol's port where the URL names none), and a
   * bridge for another URL: the suite puts a proxy that drops connections in between.
   */
  broker?: { url: string; defaultPort: number; createAt(url: string): EventBridge }
  /** For broker bridges: a bridge of another app on the same broker, in that app's namespace (the prefix option). */
  ofApp?(namespace: 'first' | 'second'): EventBridge
}

const silent = createLogger({ sink: () => {} })
const caller = { serviceName: 'Conformance', serviceVersion: '1', serviceTarget: 'test' }
const mathAddress = (serviceTarget: string) => ({ serviceName: 'Math', serviceVersion: '1', serviceTarget })

interface Seen {
  instance: string
  event: string
  payload: unknown
  traceId: string
}

/** Math v1: commands that answer, fail, stall and tell which instance ran them; its success event is `added`. */
function mathService(instance: string) {
  const math = new ServiceBuilder({ serviceName: 'Math', serviceVersion: '1', serviceDescription: 'conformance' })
  const add = math
    .getCommandBuilder('add', 'adds')
    .addPayloadSchema(z.object({ a: z.number(), b: z.number() }))
    .addOutputSchema(z.object({ sum: z.number(), instance: z.string(), traceId: z.string() }))
    .setSuccessEventName('added')
    .setCommandFunction(async (context, { a, b }) => ({ sum: a + b, instance, traceId: context.message.traceId }))
  const fail = math.getCommandBuilder('fail', 'fails').setCommandFunction(async (_context, payload) => {
    if (payload === 'handled') throw new HandledError(StatusCode.Conflict, 'already there', { id: 7 })
    throw new Error('database password leaked in this message')
  })
  const stall = math.getCommandBuilder('stall', 'answers late').setCommandFunction((_context, payload) => new Promise((resolve) => setTimeout(() => resolve(instance), payload as number)))
  return math.addCommandDefinition(add.getDefinition(), fail.getDefinition(), stall.getDefinition())
}

/** A listener service recording every `added` event it gets, per instance. */
function listenerService(serviceName: string, instance: string, seen: Seen[], { durable = true, everyInstance = false } = {}) {
  const listener = new ServiceBuilder({ serviceName, serviceVersion: '1', serviceDescription: 'conformance' })
  const onAdded = listener
    .getSubscriptionBuilder('onAdded', 'records')
    .subscribeToEvent('added')
    .adviceDurable(durable)
    .receiveOnEveryInstance(everyInstance)
    .setSubscriptionFunction(async (context, payload) => {
      seen.push({ instance, event: context.message.eventName, payload, traceId: context.message.traceId })
    })
  return listener.addSubscriptionDefinition(onAdded.getDefinition())
}

type SubscriptionBuilderOf = ReturnType<ServiceBuilder['getSubscriptionBuilder']>

/** A live service whose one subscription to `added` is set up by `configure` (filters, acknowledgement) and counts what it gets. */
function configuredListener(serviceName: string, configure: (subscription: SubscriptionBuilderOf) => SubscriptionBuilderOf, run: (context: { message: { traceId: string } }) => Promise<void>) {
  const listener = new ServiceBuilder({ serviceName, serviceVersion: '1', serviceDescription: 'conformance' })
  const onAdded = configure(listener.getSubscriptionBuilder('onAdded', 'records').subscribeToEvent('added')).setSubscriptionFunction(run)
  return listener.addSubscriptionDefinition(onAdded.getDefinition())
}

const until = async (check: () => boolean, what: string, timeoutMs = 5_000) => {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export function describeBridgeConformance(bridge: BridgeUnderTest) {
  describe(`${bridge.name} conformance`, () => {
    const open: EventBridge[] = []
    const started: Service[] = []
    afterEach(async () => {
      for (const service of started.splice(0)) await service.stop().catch(() => {})
      for (const b of open.splice(0)) await b.destroy().catch(() => {})
    })

    const start = async (b: EventBridge) => {
      await b.start()
      open.push(b)
      return b
    }
    const connect = (instance?: string) => start(bridge.create(instance))
    // The in-memory bridge is one process: every "connection" is the same bridge.
    let shared: EventBridge | undefined
    const another = async () => (bridge.distributed ? connect() : (shared ??= await connect()))
    afterEach(() => {
      shared = undefined
    })
    const run = async (builder: ServiceBuilder, on: EventBridge) => {
      const service = builder.getInstance(on, { logger: silent })
      await service.start()
      started.push(service)
      return service
    }
    const invoke = (on: EventBridge, target: string, payload: unknown, traceId = 'conformance-trace', timeoutMs?: number) =>
      on.invoke(createCommand(mathAddress(target), caller, payload, {}, { traceId }), timeoutMs)

    test('a command answers across connections with its validated output', async () => {
      await run(mathService('a'), await another())
      await expect(invoke(await another(), 'add', { a: 2, b: 3 })).resolves.toEqual({ sum: 5, instance: 'a', traceId: 'conformance-trace' })
    })

    test('handled errors arrive with status, message and data; unexpected ones as a bare 500; invalid payloads as 400 with issues', async () => {
      await run(mathService('a'), await another())
      const client = await another()
      await expect(invoke(client, 'fail', 'handled')).rejects.toMatchObject({ errorCode: 409, message: 'already there', data: { id: 7 } })
      const unexpected = await invoke(client, 'fail', 'boom').catch((e: HandledError) => e)
      expect(unexpected).toMatchObject({ errorCode: 500, message: 'Internal Server Error' })
      expect(JSON.stringify(unexpected)).not.toContain('password')
      await expect(invoke(client, 'add', { a: 'x', b: 1 })).rejects.toMatchObject({ errorCode: 400, data: { issues: [{ path: 'a' }] } })
    })

    test('an event reaches every subscribing service, with the trace id of the call that caused it', async () => {
      const seen: Seen[] = []
      await run(listenerService('AuditA', 'a', seen), await another())
      await run(listenerService('AuditB', 'b', seen), await another())
      await run(mathService('m'), await another())
      await invoke(await another(), 'add', { a: 1, b: 1 }, 'fan-out-trace')
      await until(() => seen.length >= 2, 'both subscribers')
      await new Promise((r) => setTimeout(r, 100))
      expect(seen.map((s) => s.instance).sort()).toEqual(['a', 'b'])
      expect(seen.every((s) => s.event === 'added' && s.traceId === 'fan-out-trace')).toBe(true)
      expect(seen[0]!.payload).toEqual({ sum: 2, instance: 'm', traceId: 'fan-out-trace' })
    })

    test('a command that does not answer in time fails with 504 instead of hanging', async () => {
      await run(mathService('a'), await another())
      const started = Date.now()
      await expect(invoke(await another(), 'stall', 1_000, 't', 100)).rejects.toMatchObject({ errorCode: 504 })
      expect(Date.now() - started).toBeLessThan(900)
    })

    test('a command nobody serves fails with a clear error', async () => {
      const error = await invoke(await another(), 'add', { a: 1, b: 1 }, 't', 500).catch((e: HandledError) => e)
      expect(error).toBeInstanceOf(HandledError)
      expect([404, 503, 504]).toContain((error as HandledError).errorCode)
    })

    test("a subscription gets only the events its filters match: principal, tenant, sender, receiver, message type", async () => {
      const got: Record<string, string[]> = {}
      const listen = (name: string, configure: (subscription: SubscriptionBuilderOf) => SubscriptionBuilderOf) =>
        configuredListener(name, (s) => configure(s.adviceDurable(false)), async (context) => void (got[name] ??= []).push(context.message.traceId))
      const listeners = [
        listen('Everything', (s) => s),
        listen('ByPrincipal', (s) => s.filterPrincipalId('ada')),
        listen('ByTenant', (s) => s.filterTenantId('acme')),
        listen('BySender', (s) => s.filterSentFrom('Math', '1', 'add')),
        listen('ByOtherSender', (s) => s.filterSentFrom('Physics')),
        listen('ByReceiver', (s) => s.filterReceivedBy('Conformance', undefined, 'test')),
        listen('BySuccessType', (s) => s.filterForMessageType('commandSuccessResponse')),
        listen('ByCustomType', (s) => s.filterForMessageType('customMessage')),
        listen('ByPrincipalAndTenant', (s) => s.filterPrincipalId('ada').filterTenantId('other')),
      ]
      for (const listener of listeners) await run(listener, await another())
      await run(mathService('m'), await another())
      const client = await another()
      const calls = [{ traceId: 'ada-acme', principalId: 'ada', tenantId: 'acme' }, { traceId: 'bob-acme', principalId: 'bob', tenantId: 'acme' }, { traceId: 'anonymous' }]
      for (const cause of calls) await client.invoke(createCommand(mathAddress('add'), caller, { a: 1, b: 2 }, {}, cause))
      await until(() => got.Everything?.length === 3, 'the unfiltered subscription to get all three')
      await new Promise((r) => setTimeout(r, 200))
      const all = ['ada-acme', 'anonymous', 'bob-acme']
      expect(Object.fromEntries(Object.entries(got).map(([name, traces]) => [name, traces.sort()]))).toEqual({
        Everything: all,
        ByPrincipal: ['ada-acme'],
        ByTenant: ['ada-acme', 'bob-acme'],
        BySender: all,
        ByReceiver: all,
        BySuccessType: all,
      })
    })

    test('a subscription that acknowledges on receipt runs a failing event once: it is not offered again', async () => {
      let runs = 0
      const failing = configuredListener('Autoack', (s) => s.adviceAutoacknowledgeMessage(), async () => {
        runs++
        throw new Error('fails every time')
      })
      await run(failing, await another())
      await run(mathService('m'), await another())
      await invoke(await another(), 'add', { a: 1, b: 1 })
      await until(() => runs === 1, 'the first run')
      // Longer than NATS waits before offering a failed durable event again (1 s).
      await new Promise((r) => setTimeout(r, 1_500))
      expect(runs).toBe(1)
    })

    if (!bridge.distributed) return

    test('instances of one service compete for its commands: each call runs once, both share the load', async () => {
      await run(mathService('one'), await connect())
      await run(mathService('two'), await connect())
      const client = await connect()
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => invoke(client, 'add', { a: i, b: 0 }) as Promise<{ sum: number; instance: string }>))
      expect(answers.map((a) => a.sum)).toEqual(Array.from({ length: 40 }, (_, i) => i))
      const byInstance = answers.reduce<Record<string, number>>((n, a) => ((n[a.instance] = (n[a.instance] ?? 0) + 1), n), {})
      expect(Object.keys(byInstance).sort()).toEqual(['one', 'two'])
      expect(Math.min(...Object.values(byInstance))).toBeGreaterThanOrEqual(5)
    })

    test('an event reaches each subscribing service once, not once per instance', async () => {
      const seen: Seen[] = []
      await run(listenerService('Audit', 'first', seen), await connect())
      await run(listenerService('Audit', 'second', seen), await connect())
      await run(mathService('m'), await connect())
      const client = await connect()
      for (let i = 0; i < 10; i++) await invoke(client, 'add', { a: i, b: 0 })
      await until(() => seen.length >= 10, 'ten events')
      await new Promise((r) => setTimeout(r, 200))
      expect(seen).toHaveLength(10)
      expect(new Set(seen.map((s) => (s.payload as { sum: number }).sum)).size).toBe(10)
    })

    test('a subscription that asks for every instance gets each event on every instance', async () => {
      const seen: Seen[] = []
      await run(listenerService('Cache', 'first', seen, { everyInstance: true }), await connect())
      await run(listenerService('Cache', 'second', seen, { everyInstance: true }), await connect())
      await run(mathService('m'), await connect())
      const client = await connect()
      for (let i = 0; i < 5; i++) await invoke(client, 'add', { a: i, b: 100 })
      await until(() => seen.length >= 10, 'five events on each instance')
      await new Promise((r) => setTimeout(r, 200))
      expect(seen.filter((s) => s.instance === 'first')).toHaveLength(5)
      expect(seen.filter((s) => s.instance === 'second')).toHaveLength(5)
    })

    test('a durable subscription gets the events emitted while its service was down', async () => {
      const seen: Seen[] = []
      const listenerConnection = await connect('ledger-1')
      const listener = await run(listenerService('Ledger', 'before', seen), listenerConnection)
      await listener.stop()
      await listenerConnection.destroy()
      await run(mathService('m'), await connect())
      await invoke(await connect(), 'add', { a: 40, b: 2 }, 'while-down')
      await new Promise((r) => setTimeout(r, 100))
      expect(seen).toEqual([])
      await run(listenerService('Ledger', 'after', seen), await connect('ledger-1'))
      await until(() => seen.length === 1, 'the event kept while down')
      expect(seen[0]).toMatchObject({ instance: 'after', traceId: 'while-down', payload: { sum: 42 } })
    })

    const ofApp = bridge.ofApp
    if (ofApp) {
      test("two apps on one broker, with a service of the same name each, never see each other's commands or events", async () => {
        const seen: Seen[] = []
        const app = async (namespace: 'first' | 'second') => {
          await run(mathService(namespace), await start(ofApp(namespace)))
          await run(listenerService('Audit', namespace, seen), await start(ofApp(namespace)))
          return start(ofApp(namespace))
        }
        const clients = { first: await app('first'), second: await app('second') }
        for (const [namespace, client] of Object.entries(clients)) {
          for (let i = 0; i < 5; i++) await expect(invoke(client, 'add', { a: i, b: 0 })).resolves.toMatchObject({ instance: namespace })
        }
        await until(() => seen.length >= 10, 'five events in each app')
        await new Promise((r) => setTimeout(r, 200))
        // Each app's listener got its own app's five events, each once, and none of the other's.
        for (const namespace of ['first', 'second']) {
          const mine = seen.filter((s) => s.instance === namespace)
          expect(mine.map((s) => (s.payload as { instance: string }).instance)).toEqual(Array(5).fill(namespace))
        }
      })
    }

    const broker = bridge.broker
    if (!broker) return

    test('after the broker connection is lost, the bridge reconnects and serves again', async () => {
      const address = new URL(broker.url)
      const proxy = new TcpProxy(address.hostname, Number(address.port || broker.defaultPort))
      await proxy.start()
      try {
        const throughProxy = new URL(broker.url)
        throughProxy.hostname = '127.0.0.1'
        throughProxy.port = String(proxy.port)
        const serving = await start(broker.createAt(throughProxy.toString()))
        await run(mathService('survivor'), serving)
        const client = await connect()
        await expect(invoke(client, 'add', { a: 1, b: 1 })).resolves.toMatchObject({ sum: 2 })

        proxy.cut()
        await new Promise((r) => setTimeout(r, 300))
        proxy.restore()

        // The same service instance answers again, without anyone registering it anew.
        const end = Date.now() + 10_000
        let answer: unknown
        while (Date.now() < end) {
          answer = await invoke(client, 'add', { a: 2, b: 2 }, 't', 500).catch(() => undefined)
          if (answer) break
          await new Promise((r) => setTimeout(r, 100))
        }
        expect(answer).toMatchObject({ sum: 4, instance: 'survivor' })
      } finally {
        await proxy.stop()
      }
    })
  })
}
