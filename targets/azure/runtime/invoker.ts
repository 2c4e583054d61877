import { outcome } from '../../../runtime/bridge/outcome.ts'
import { describeAddress, type Address, type CommandMessage } from '../../../runtime/core/envelope.ts'
import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import { invokeProxy } from '../../../runtime/service/invoke-proxy.ts'
import { inProcessCommand } from './in-process-commands.ts'
import type { RemoteApps } from './remote-apps.ts'

/**
 * canInvoke on Azure: a target in the same Function App runs in this process; a target in another
 * app is a POST of the command envelope to its invoke route (remote-apps.ts, which the build passes
 * only to functions with such a target). Either way the answer is the response envelope a broker
 * would carry.
 */
export class AzureInvoker {
  /** The context.service whose calls come here: only functions that invoke carry it. */
  readonly serviceProxy = invokeProxy
  readonly #targets: Record<string, string | null>
  readonly #remote?: RemoteApps

  /** @param targets the declared canInvoke targets by `Service v1 command`: the app that runs each, null for this one. */
  constructor(targets: Record<string, string | null>, remote?: RemoteApps) {
    this.#targets = targets
    this.#remote = remote
  }

  /** The Function App that runs a target, null when it runs in this one (undefined: not a declared target). */
  appOf(receiver: Address): string | null | undefined {
    return this.#targets[describeAddress(receiver)]
  }

  async invoke(command: CommandMessage): Promise<unknown> {
    const target = describeAddress(command.receiver)
    const app = this.#targets[target]
    if (app === undefined) throw new UnhandledError(StatusCode.InternalServerError, `${target} cannot be called from this function: it is not one of its canInvoke targets`)
    if (app === null) {
      const respond = inProcessCommand(command.receiver)
      if (!respond) throw new UnhandledError(StatusCode.InternalServerError, `${target} is not loaded in this Function App, where the build placed it`)
      return outcome(await respond(command))
    }
    if (!this.#remote) throw new UnhandledError(StatusCode.InternalServerError, `${target} runs in Function App ${app}, but this function was built without the code that calls other apps: rebuild it with purista build`)
    return outcome(await this.#remote.call(app, command, target))
  }
}
