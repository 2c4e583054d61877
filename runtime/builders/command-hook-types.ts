import type { CommandMessage } from '../core/envelope.ts'
import type { ServiceThis } from '../service/function-this.ts'
import type { Context, EmitMap, InvokeMap } from './types.ts'

/*
 * The hooks of a command as PURISTA types them (positional arguments, a context first), each typed
 * from the schemas declared before it: declare schemas first, then hooks, then the function.
 * Written with `function`, `this` is the service, as in the command's function.
 */

/** Runs after input validation, before the function: throw a HandledError (401, 403 …) to refuse the call. */
export type CommandBeforeGuardHook<Payload, Parameter, Invokes extends InvokeMap, Emits extends EmitMap, Config = Record<string, any>> = (
  this: ServiceThis<Config>,
  context: Context<Invokes, Emits, CommandMessage>,
  payload: Readonly<Payload>,
  parameter: Readonly<Parameter>,
) => Promise<void> | void

/** Runs after the output is validated, before it is answered: throw a HandledError to answer that instead. */
export type CommandAfterGuardHook<Output, Payload, Parameter, Invokes extends InvokeMap, Emits extends EmitMap, Config = Record<string, any>> = (
  this: ServiceThis<Config>,
  context: Context<Invokes, Emits, CommandMessage>,
  result: Readonly<Output>,
  payload: Readonly<Payload>,
  parameter: Readonly<Parameter>,
) => Promise<void> | void

/** Gets the message's payload and parameter validated by the transform's schemas; returns what the command's schemas validate. */
export type CommandTransformInputHook<MessagePayload, MessageParameter, Payload, Parameter, Config = Record<string, any>> = (
  this: ServiceThis<Config>,
  context: Context<{}, {}, CommandMessage>,
  payload: Readonly<MessagePayload>,
  parameter: Readonly<MessageParameter>,
) => Promise<{ payload: Payload; parameter: Parameter }>

/** Gets the validated output and the function's parameter; returns the answer, which the transform's schema validates. */
export type CommandTransformOutputHook<Output, Parameter, Answer, Config = Record<string, any>> = (
  this: ServiceThis<Config>,
  context: Context<{}, {}, CommandMessage>,
  output: Readonly<Output>,
  parameter: Readonly<Parameter>,
) => Promise<Answer> | Answer
