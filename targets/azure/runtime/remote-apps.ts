import type { CommandMessage, CommandResponse } from '../../../runtime/core/envelope.ts'
import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import { invokeKeyVariable, invokeRoute, invokeUrlVariable } from './invoke-names.ts'

/** Another Function App's base URL and function key, read from the app settings the infrastructure writes. */
interface RemoteApp {
  url: string
  key: string
}

/**
 * canInvoke of a command in another Function App: a POST of the command envelope to its invoke
 * route, with that app's function key. Only functions with such a target carry this (invoker.ts
 * runs the ones in their own app in process).
 */
export class RemoteApps {
  readonly #apps = new Map<string, RemoteApp>()

  /** @param targets the declared canInvoke targets by `Service v1 command`: the app that runs each, null for this one. */
  constructor(targets: Record<string, string | null>) {
    // Read at load, so a missing setting fails the start and names it.
    for (const app of new Set(Object.values(targets))) if (app !== null) this.#apps.set(app, { url: setting(invokeUrlVariable(app)).replace(/\/+$/, ''), key: setting(invokeKeyVariable(app)) })
  }

  async call(appName: string, command: CommandMessage, target: string): Promise<CommandResponse> {
    const app = this.#apps.get(appName)!
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
