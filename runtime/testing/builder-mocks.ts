import { CommandDefinitionBuilder } from '../builders/command-builder.ts'
import type { EmitDeclaration } from '../builders/types.ts'
import { SubscriptionDefinitionBuilder } from '../builders/subscription-builder.ts'
import { commandMockInput, getCommandContextMock, getSubscriptionContextMock, type SubscriptionContextMockInput } from './context-mock.ts'

/*
 * PURISTA's tests ask the builder for a context mock: `createTaskCommandBuilder.getCommandContextMock({
 * payload, parameter, sandbox })`. The methods are put on the builders here, by the module 'purista'
 * loads for tests and main files, so a Lambda function's bundle, which has the builders but not this
 * module, carries no test code. Their types are declared with the builders.
 */

/** The builder's canEmit events, as PURISTA's builder passes its emitList: each gets a stub of its own. */
function emitListOf(builder: { getDefinition(): { emits: EmitDeclaration[] } }): Record<string, true> {
  try {
    return Object.fromEntries(builder.getDefinition().emits.map((e) => [e.eventName, true]))
  } catch {
    // No function set yet: getDefinition() refuses, and there is nothing to call with the mock anyway.
    return {}
  }
}

// Typed where the builders declare them; here the implementation takes either form loosely.
;(CommandDefinitionBuilder.prototype as { getCommandContextMock: unknown }).getCommandContextMock = function (this: CommandDefinitionBuilder, ...args: Parameters<typeof commandMockInput>[0]) {
  return getCommandContextMock({ emitList: emitListOf(this), ...commandMockInput(args) })
}
SubscriptionDefinitionBuilder.prototype.getSubscriptionContextMock = function (this: SubscriptionDefinitionBuilder, input: SubscriptionContextMockInput<unknown, string> = {}) {
  return getSubscriptionContextMock({ emitList: emitListOf(this), ...input })
}

/** A builder's context mock, with its context also under `context`, as PURISTA's create*ContextMock return it. */
type CreatedMock<M extends { mock: unknown }> = M & { context: M['mock'] }

/**
 * PURISTA's newest form (`@purista/core/testing`): `createCommandContextMock(builder, { payload,
 * parameter, sandbox })`, the builder's own mock.
 */
export function createCommandContextMock<B extends CommandDefinitionBuilder<any, any, any, any, any, any, any>>(
  builder: B,
  input?: Parameters<B['getCommandContextMock']>[0],
): CreatedMock<ReturnType<B['getCommandContextMock']>> {
  const made = builder.getCommandContextMock(input)
  return { ...made, context: made.mock } as CreatedMock<ReturnType<B['getCommandContextMock']>>
}

/** The subscription's form of createCommandContextMock. */
export function createSubscriptionContextMock<B extends SubscriptionDefinitionBuilder<any, any, any, any, any, any, any>>(
  builder: B,
  input?: Parameters<B['getSubscriptionContextMock']>[0],
): CreatedMock<ReturnType<B['getSubscriptionContextMock']>> {
  const made = builder.getSubscriptionContextMock(input)
  return { ...made, context: made.mock } as CreatedMock<ReturnType<B['getSubscriptionContextMock']>>
}
