import { isDeepStrictEqual } from 'node:util'

/**
 * A function that records its calls and does what it was told to, with the sinon names PURISTA
 * tests use (`stubs.getState.resolves({...})`, `stubs.logger.info.calledWith('...')`), so such
 * tests keep working without sinon, vitest or any other test framework in the runtime.
 */
export interface Stub<Args extends unknown[] = any[], Return = any> {
  (...args: Args): Return
  /** The arguments of every call, in order. */
  readonly args: Args[]
  readonly callCount: number
  readonly called: boolean
  /** Whether a call began with these arguments (compared deeply, as sinon does). */
  calledWith(...expected: Partial<Args>): boolean
  returns(value: Return): this
  resolves(value?: Awaited<Return>): this
  rejects(error: unknown): this
  callsFake(fn: (...args: Args) => Return): this
}

/** A stub that behaves as `behaviour` until it is told otherwise. */
export function createStub<Args extends unknown[], Return>(behaviour: (...args: Args) => Return): Stub<Args, Return> {
  let current = behaviour
  const args: Args[] = []
  const stub = ((...callArgs: Args) => {
    args.push(callArgs)
    return current(...callArgs)
  }) as Stub<Args, Return>
  const become = (next: (...args: Args) => Return) => {
    current = next
    return stub
  }
  Object.defineProperties(stub, {
    args: { value: args },
    callCount: { get: () => args.length },
    called: { get: () => args.length > 0 },
  })
  return Object.assign(stub, {
    calledWith: (...expected: unknown[]) => args.some((call) => expected.every((value, i) => isDeepStrictEqual(call[i], value))),
    returns: (value: Return) => become(() => value),
    // The promise is made at each call, so a rejection nobody calls for is never left unhandled.
    resolves: (value?: Awaited<Return>) => become(() => Promise.resolve(value) as Return),
    rejects: (error: unknown) => become(() => Promise.reject(error) as Return),
    callsFake: become,
  })
}
