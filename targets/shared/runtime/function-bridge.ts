import { describeAddress, type CommandMessage, type EventMessage } from '../../../runtime/core/envelope.ts'
import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import type { ContextDeps } from '../../../runtime/service/context.ts'

/*
 * A function of a serverless target (lambda, azure) runs its one definition with no bridge to
 * register on: its calls and events go through the clients its generated entry brought, and only
 * a function that declared canInvoke targets or events has them.
 */

const refuse = (message: string) => Promise.reject(new UnhandledError(StatusCode.InternalServerError, message))

/** The context's bridge of such a function: its invoker and publisher, or a clear refusal where it has none. */
export function functionBridge(publisher?: { publish(event: EventMessage): Promise<void> }, invoker?: { invoke(command: CommandMessage): Promise<unknown> }): ContextDeps['bridge'] {
  return {
    invoke: (command) => (invoker ? invoker.invoke(command) : refuse(`${describeAddress(command.receiver)} cannot be called from this function: it declared no canInvoke targets`)),
    emit: (event) => (publisher ? publisher.publish(event) : refuse(`event "${event.eventName}" cannot be sent from this function: it declared no events`)),
  }
}
