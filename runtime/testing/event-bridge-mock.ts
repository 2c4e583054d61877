import type { EventBridge } from '../bridge/types.ts'
import { newStub, type StubSandbox } from './sandbox.ts'
import type { Stub } from './stub.ts'

type BridgeMethod = Exclude<keyof EventBridge, 'name'>

/**
 * An event bridge of stubs, as PURISTA's helper of this name makes it, for getInstance(bridge) in a
 * unit test. Starting, registering and emitting succeed and are recorded; invoke() rejects until
 * the test says what the invoked command answers (`stubs.invoke.resolves(…)`).
 */
export function getEventBridgeMock(sandbox?: StubSandbox): { mock: EventBridge; stubs: Record<BridgeMethod, Stub> } {
  const succeeds = () => newStub(sandbox).resolves()
  const stubs: Record<BridgeMethod, Stub> = {
    start: succeeds(),
    destroy: succeeds(),
    isReady: newStub(sandbox).returns(true),
    registerCommand: succeeds(),
    unregisterCommand: succeeds(),
    registerSubscription: succeeds(),
    unregisterSubscription: succeeds(),
    invoke: newStub(sandbox).rejects(new Error('invoke is not stubbed: set its answer with stubs.invoke.resolves(…)')),
    emit: succeeds(),
    registry: newStub(sandbox).returns({ commands: [], subscriptions: [] }),
  }
  return { mock: { name: 'EventBridgeMock', ...stubs } as EventBridge, stubs }
}
