import type { StateStore } from '../../../runtime/stores/types.ts'
import { isNotFound, partitionOf, readStates, rowKey, tableCall, tableClient, type Client, type TableStateStoreOptions } from './table-state.ts'

export type { TableStateStoreOptions } from './table-state.ts'

/**
 * State that outlives a function: Function Apps share no memory, so a user stored by one function is
 * read by another from Table storage. An entity per name: the partition is the service and version,
 * the row key the name, the value JSON (Table storage has no nested types). A function that only
 * reads state gets table-state-reader.ts instead.
 */
export class TableStateStore implements StateStore {
  // #private: true privacy, and esbuild shortens the names (this class ships in the bundles).
  readonly #partition: string
  readonly #client: Client

  constructor(options: TableStateStoreOptions) {
    this.#partition = partitionOf(options.service)
    this.#client = options.client ?? tableClient()
  }

  getState(...names: string[]) {
    return readStates(this.#client, this.#partition, names)
  }

  async setState(name: string, value: unknown) {
    // Replace, not merge: the parts of a longer value written before go with it.
    await tableCall(this.#client, this.#partition, (client) => client.upsertEntity({ partitionKey: this.#partition, rowKey: rowKey(name), ...splitIntoParts(JSON.stringify(value)) }, 'Replace'))
  }

  async removeState(name: string) {
    await tableCall(this.#client, this.#partition, (client) => client.deleteEntity(this.#partition, rowKey(name)).catch((error) => (isNotFound(error) ? undefined : Promise.reject(error))))
  }
}

/**
 * A string property holds at most 64 KiB (32K UTF-16 units), an entity 1 MiB: a value is spread
 * over value, value1, value2 … so every state within the limits every target checks
 * (runtime/stores/state-limits.ts, 400 KB) fits. Short values stay one `value`, as before.
 */
const PART_LENGTH = 32_000

function splitIntoParts(json: string): Record<string, string> {
  const parts: Record<string, string> = { value: json.slice(0, PART_LENGTH) }
  for (let at = PART_LENGTH, n = 1; at < json.length; at += PART_LENGTH, n++) parts[`value${n}`] = json.slice(at, at + PART_LENGTH)
  return parts
}
