import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import { stateNameCheck } from '../../../runtime/stores/state-names.ts'
import type { StateStore } from '../../../runtime/stores/types.ts'
import { partitionOf, readStates, tableClient, type TableStateStoreOptions } from './table-state.ts'

/**
 * context.states of a function whose code only reads state (stateMethods in the AppModel: getState
 * alone): Table storage as TableStateStore reads it, the names checked against the limits every
 * target applies, and no code to write. Writing is refused clearly, as NoStateStore refuses state,
 * should the build have missed a write.
 */
export function tableStateReader(options: TableStateStoreOptions, owner: string): StateStore {
  const partition = partitionOf(options.service)
  const client = options.client ?? tableClient()
  const checkName = stateNameCheck(options.service)
  const refuse = async (): Promise<never> => {
    throw new UnhandledError(StatusCode.InternalServerError, `${owner} only reads state: purista found no context.states.setState or removeState in its function, so it bundled no code to write. Use context.states inside the function passed to set…Function.`)
  }
  return {
    getState: async (...names) => (names.forEach(checkName), readStates(client, partition, names)),
    setState: refuse,
    removeState: refuse,
  }
}

