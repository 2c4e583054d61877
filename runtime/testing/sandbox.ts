import { createStub, type Stub } from './stub.ts'

/**
 * What PURISTA's test helpers take to make their stubs: a sinon sandbox (`createSandbox()`), whose
 * stubs `sandbox.restore()` resets. purista needs only its stub(), so sinon stays the test's choice,
 * never a dependency of purista.
 */
export interface StubSandbox {
  stub(): any
}

/** A sinon stub from the sandbox when the test gives one, else purista's recording stub: both answer to the same names. */
export const newStub = (sandbox: StubSandbox | undefined): Stub => (sandbox ? sandbox.stub() : createStub<any[], any>(() => undefined))
