import type { EventMessage } from '../core/envelope.ts'
import type { ServiceThis } from '../service/function-this.ts'
import type { Context, EmitMap, InvokeMap } from './types.ts'

/*
 * The hooks of a subscription as PURISTA types them, each typed from the schemas declared before it,
 * as a command's (command-hook-types.ts): the context is the subscription's, its message the event.
 * Written with `function`, `this` is the service, as in the subscription's function.
 */

/** Runs after the payload is validated, before the function: throw to fail the run (the event is then retried or dead-lettered). */
export type SubscriptionBeforeGuardHook<Payload, Parameter, Invokes extends InvokeMap, Emits extends EmitMap, Config = Record<string, any>> = (
  this: ServiceThis<Config>,
  context: Context<Invokes, Emits, EventMessage>,
  payload: Readonly<Payload>,
  parameter: Readonly<Parameter>,
) => Promise<void> | void

/** Runs after the output is validated, before it is emitted; PURISTA passes the output and the parameter, not the payload. */
export type SubscriptionAfterGuardHook<Output, Parameter, Invokes extends InvokeMap, Emits extends EmitMap, Config = Record<string, any>> = (
  this: ServiceThis<Config>,
  context: Context<Invokes, Emits, EventMessage>,
  result: Readonly<Output>,
  parameter: Readonly<Parameter>,
) => Promise<void> | void

/** Gets the event's payload validated by the transform's schema; returns what the subscription's schemas validate. */
export type SubscriptionTransformInputHook<EventPayload, EventParameter, Payload, Parameter, Config = Record<string, any>> = (
  this: ServiceThis<Config>,
  context: Context<{}, {}, EventMessage>,
  payload: Readonly<EventPayload>,
  parameter: Readonly<EventParameter>,
) => Promise<{ payload: Payload; parameter: Parameter }>

/** Gets the validated output; returns the output event's payload, which the transform's schema validates. */
export type SubscriptionTransformOutputHook<Output, Parameter, EventPayload, Config = Record<string, any>> = (
  this: ServiceThis<Config>,
  context: Context<{}, {}, EventMessage>,
  output: Readonly<Output>,
  parameter: Readonly<Parameter>,
) => Promise<EventPayload> | EventPayload
