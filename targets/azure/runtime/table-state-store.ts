import { TableClient } from '@azure/data-tables'
import type { ServiceInfo } from '../../../runtime/builders/types.ts'
import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import type { StateStore } from '../../../runtime/stores/types.ts'
import { managedIdentity, readConnection } from './connection.ts'
import { STATE_TABLE_VARIABLE, TABLES_CONNECTION } from './names.ts'

type Client = Pick<TableClient, 'getEntity' | 'upsertEntity' | 'deleteEntity'>

export interface TableStateStoreOptions {
  service: ServiceInfo
  /** Default: $PURISTA_STATE_TABLE over the PURISTA_TABLES connection. */
  client?: Client
}

/** One client per worker process, created by the first store. */
let sharedClient: Client | undefined
function tableClient(): Client {
  if (sharedClient) return sharedClient
  const table = process.env[STATE_TABLE_VARIABLE]
  if (!table) throw new Error(`app setting ${STATE_TABLE_VARIABLE} is not set: it names the Table storage table for context.states (the generated infrastructure sets it)`)
  const connection = readConnection(TABLES_CONNECTION, 'tableServiceUri')
  if ('connectionString' in connection) {
    // Azurite speaks plain HTTP; Azure's endpoints are HTTPS and unaffected.
    sharedClient = TableClient.fromConnectionString(connection.connectionString, table, { allowInsecureConnection: true })
  } else {
    // The credential loads on first use; the client asks for a token only when it sends.
    const credential = managedIdentity()
    sharedClient = new TableClient(connection.endpoint, table, { getToken: async (scopes, options) => (await credential).getToken(scopes, options) })
  }
  return sharedClient
}

const isNotFound = (error: unknown) => (error as { statusCode?: number }).statusCode === 404

/**
 * State that outlives a function: Function Apps share no memory, so a user stored by one function is
 * read by another from Table storage. An entity per name: the partition is the service and version,
 * the row key the name, the value JSON (Table storage has no nested types).
 */
export class TableStateStore implements StateStore {
  // #private: true privacy, and esbuild shortens the names (this class ships in the bundles).
  readonly #partition: string
  readonly #client: Client

  constructor(options: TableStateStoreOptions) {
    this.#partition = `${options.service.serviceName}:${options.service.serviceVersion}`
    this.#client = options.client ?? tableClient()
  }

  async getState(...names: string[]) {
    const values = await Promise.all(
      names.map((name) =>
        this.#call(async (client) => {
          try {
            return JSON.parse(joinParts(await client.getEntity<Record<string, unknown>>(this.#partition, rowKey(name)))) as unknown
          } catch (error) {
            if (isNotFound(error)) return undefined
            throw error
          }
        }),
      ),
    )
    return Object.fromEntries(names.map((name, i) => [name, values[i]]))
  }

  async setState(name: string, value: unknown) {
    // Replace, not merge: the parts of a longer value written before go with it.
    await this.#call((client) => client.upsertEntity({ partitionKey: this.#partition, rowKey: rowKey(name), ...splitIntoParts(JSON.stringify(value)) }, 'Replace'))
  }

  async removeState(name: string) {
    await this.#call((client) => client.deleteEntity(this.#partition, rowKey(name)).catch((error) => (isNotFound(error) ? undefined : Promise.reject(error))))
  }

  /** Table storage failing is our problem, not the caller's: a 503 with the reason in the log. */
  async #call<T>(work: (client: Client) => Promise<T>): Promise<T> {
    try {
      return await work(this.#client)
    } catch (error) {
      throw new UnhandledError(StatusCode.ServiceUnavailable, `state store (Table storage, partition ${this.#partition}) failed: ${(error as Error).message}`)
    }
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

function joinParts(entity: Record<string, unknown>): string {
  let json = String(entity.value)
  for (let n = 1; typeof entity[`value${n}`] === 'string'; n++) json += entity[`value${n}`] as string
  return json
}

/** Row keys may not hold / \ # ? or control characters: names are percent-encoded, which keeps them apart. */
const rowKey = (name: string) => encodeURIComponent(name)
