import { CommandDefinitionBuilder } from '../../runtime/builders/command-builder.ts'
import type { NotYetCommandMethods, NotYetSubscriptionMethods } from '../../runtime/builders/not-yet-supported.ts'
import { SubscriptionDefinitionBuilder } from '../../runtime/builders/subscription-builder.ts'

type Kind = 'command' | 'subscription'

/** What the builders have is what works: read from their classes, so a method added there is known here. */
const methodsOf = (builder: { prototype: object }) => new Set(Object.getOwnPropertyNames(builder.prototype).filter((name) => name !== 'constructor'))
const SUPPORTED: Record<Kind, Set<string>> = { command: methodsOf(CommandDefinitionBuilder), subscription: methodsOf(SubscriptionDefinitionBuilder) }

const TRANSFORMS = 'commands have transform hooks, subscriptions not yet; until then, convert the payload at the start of the function and the result before returning it'
const GUARDS = 'commands have guard hooks, subscriptions not yet; until then, check at the start of the function and throw new HandledError(StatusCode.Forbidden, …)'
const ACKNOWLEDGE = 'purista acknowledges as each broker allows, a command once it was answered; subscriptions choose with adviceAutoacknowledgeMessage()'
const TEST_ONLY = 'a unit-test helper: the builder has it in tests (importing purista puts it there), not where definitions are built'
const testHelper = (instead: string) => `a PURISTA testing helper, not on purista's builder: in a test, use ${instead}`

/**
 * PURISTA's builder methods (v2/v3) purista does not have yet, with what to do meanwhile. The types
 * declare the same names (not-yet-supported.ts) so PURISTA code type-checks until the build says this.
 */
const NOT_YET: Record<Kind, Record<string, string>> = {
  command: {
    adviceAutoacknowledgeMessages: ACKNOWLEDGE,
    getCommandFunctionPlain: testHelper('getCommandFunction(), which is the function as set'),
    getCommandContextMock: TEST_ONLY,
    getCommandTransformContextMock: testHelper("getCommandContextMock({ payload, parameter }) imported from 'purista', and call getTransformInputFunction() / getTransformOutputFunction() with its mock"),
  } satisfies Record<keyof NotYetCommandMethods, string> & Record<string, string>,
  subscription: {
    setTransformInput: TRANSFORMS,
    setTransformOutput: TRANSFORMS,
    getTransformInputFunction: TRANSFORMS,
    getTransformOutputFunction: TRANSFORMS,
    setBeforeGuardHooks: GUARDS,
    setAfterGuardHooks: GUARDS,
    getSubscriptionFunctionPlain: testHelper('getSubscriptionFunction(), which is the function as set'),
    getSubscriptionContextMock: TEST_ONLY,
    getSubscriptionTransformContextMock: testHelper('nothing: there are no transform hooks'),
  } satisfies Record<keyof NotYetSubscriptionMethods, string> & Record<string, string>,
}

/** Why a method called on a command or subscription builder would fail at load, or undefined when it works. */
export function unsupportedMethod(kind: Kind, method: string): { message: string; hint: string } | undefined {
  if (SUPPORTED[kind].has(method)) return undefined
  const hint = Object.hasOwn(NOT_YET[kind], method) ? NOT_YET[kind][method] : undefined
  if (hint) return { message: `${method}() of PURISTA's ${kind} builder is not supported by purista yet`, hint }
  return { message: `${method}() is not a method of the ${kind} builder`, hint: `the ${kind} builder has ${[...SUPPORTED[kind]].sort().join(', ')}` }
}
