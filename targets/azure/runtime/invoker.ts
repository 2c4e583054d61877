import { outcome } from '../../../runtime/bridge/outcome.ts'
import { describeAddress, type Address, type CommandMessage, type CommandResponse } from '../../../runtime/core/envelope.ts'
import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import { invokeProxy } from '../../../runtime/service/invoke-proxy.ts'
import { inProcessCommand } from './in-process-commands.ts'
import { invokeKeyVariable, invokeRoute, invokeUrlVariable } from './invoke-names.ts'

/** Another Function App's base URL and function key, read from the app settings the infrastructure writes. */
interface RemoteApp {
  url: string
  key: string
}

/**
 * canInvoke on Azure: a target in the same Function App runs in this process; a target in another
 * app is a POST of the command envelope to its invoke route, with that app's function key. Either
 * way the answer is the response envelope a broker would carry.
 */
export class AzureInvoker {
  /** The context.service whose calls come here: only functions that invoke carry it. */
  readonly serviceProxy = invokeProxy
  readonly #targets: Record<string, string | null>
  readonly #apps = new Map<string, RemoteApp>()

  /** @param targets the declared canInvoke targets by `Service v1 command`: the app that runs each, null for this one. */
  constructor(targets: Record<string, string | null>) {
    this.#targets = targets
    // Read at load, so a missing setting fails the start and names it.
    for (const app of new Set(Object.values(targets))) if (app !== null) this.#apps.set(app, { url: setting(invokeUrlVariable(app)).replace(/\/+$/, ''), key: setting(invokeKeyVariable(app)) })
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
    return outcome(await this.#post(this.#apps.get(app)!, command, target))
  }

  async #post(app: RemoteApp, command: CommandMessage, target: string): Promise<CommandResponse> {
    let response: Response
    try {
      response = await fetch(`${app.url}/${invokeRoute(command.receiver)}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-functions-key': app.key }, body: JSON.stringify(command) })
    } catch (error) {
      throw new UnhandledError(StatusCode.BadGateway, `invoking ${target} at ${app.url} failed: ${(error as Error).message}`)
    }
    const body = await response.text()
    // Anything but 200 means the target's function did not answer (a crash, a timeout, a wrong key).
    if (response.status !== 200) throw new UnhandledError(StatusCode.BadGateway, `${target} failed (HTTP ${response.status}): ${body.slice(0, 500)}`)
    return JSON.parse(body) as CommandResponse
  }
}

function setting(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`app setting ${name} is not set: a canInvoke target runs in another Function App (the generated infrastructure sets it)`)
  return value
}
