import { CommandDefinitionBuilder } from '../../runtime/builders/command-builder.ts'
import { SubscriptionDefinitionBuilder } from '../../runtime/builders/subscription-builder.ts'

type Kind = 'command' | 'subscription'

/** What the builders have is what works: read from their classes, so a method added there is known here. */
const methodsOf = (builder: { prototype: object }) => new Set(Object.getOwnPropertyNames(builder.prototype).filter((name) => name !== 'constructor'))
const SUPPORTED: Record<Kind, Set<string>> = { command: methodsOf(CommandDefinitionBuilder), subscription: methodsOf(SubscriptionDefinitionBuilder) }

const NEWER_LINE = (feature: string) => `${feature} came with PURISTA's line after v3; purista builds v2/v3 code and has no ${feature} yet`
const TEST_ONLY = 'a unit-test helper: the builder has it in tests (importing purista puts it there), not where definitions are built'
const testHelper = (instead: string) => `a PURISTA testing helper, not on purista's builder: in a test, use ${instead}`

/**
 * PURISTA's builder methods that are not on purista's builders where definitions are built, with
 * what to use instead: of the v2/v3 line only test helpers; the rest came after it.
 */
const NOT_YET: Record<Kind, Record<string, string>> = {
  command: {
    getCommandFunctionPlain: testHelper('getCommandFunction(), which is the function as set'),
    getCommandContextMock: TEST_ONLY,
    getCommandTransformContextMock: testHelper("getCommandContextMock({ payload, parameter }) imported from 'purista', and call getTransformInputFunction() / getTransformOutputFunction() with its mock"),
    canConsumeStream: NEWER_LINE('streams'),
    canEnqueue: NEWER_LINE('queues'),
    markSchedulable: NEWER_LINE('scheduling'),
  },
  subscription: {
    getSubscriptionFunctionPlain: testHelper('getSubscriptionFunction(), which is the function as set'),
    getSubscriptionContextMock: TEST_ONLY,
    getSubscriptionTransformContextMock: testHelper("getSubscriptionContextMock({ payload }) imported from 'purista', and call getTransformInputFunction() / getTransformOutputFunction() with its mock"),
    canConsumeStream: NEWER_LINE('streams'),
    adviceConsumerFailureHandling: NEWER_LINE('per-subscription retry settings') + ': adviceDurable() and adviceAutoacknowledgeMessage() choose what each bridge redelivers',
    markAsDeprecated: NEWER_LINE('deprecation of subscriptions') + '; remove the call',
  },
}

/** Why a method called on a command or subscription builder would fail at load, or undefined when it works. */
export function unsupportedMethod(kind: Kind, method: string): { message: string; hint: string } | undefined {
  if (SUPPORTED[kind].has(method)) return undefined
  const hint = Object.hasOwn(NOT_YET[kind], method) ? NOT_YET[kind][method] : undefined
  if (hint) return { message: `${method}() of PURISTA's ${kind} builder is not supported by purista yet`, hint }
  return { message: `${method}() is not a method of the ${kind} builder`, hint: `the ${kind} builder has ${[...SUPPORTED[kind]].sort().join(', ')}` }
}
