import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import type { StateStore } from '../../../runtime/stores/types.ts'

/** Stands in where the build found no use of context.states: a clear failure instead of state that vanishes. */
export class NoStateStore implements StateStore {
  constructor(private readonly owner: string) {}
  private fail(): never {
    throw new UnhandledError(StatusCode.InternalServerError, `${this.owner} has no state store: purista found no use of context.states in its function, so its Function App got no access to the state table. Use context.states inside the function passed to set…Function.`)
  }
  getState = async (): Promise<Record<string, unknown>> => this.fail()
  setState = async (): Promise<void> => this.fail()
  removeState = async (): Promise<void> => this.fail()
}
