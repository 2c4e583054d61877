import { TableClient } from '@azure/data-tables'
import type { ServiceInfo } from '../../../runtime/builders/types.ts'
import { StatusCode, UnhandledError } from '../../../runtime/core/errors.ts'
import { managedIdentity, readConnection } from './connection.ts'
import { STATE_TABLE_VARIABLE, TABLES_CONNECTION } from './names.ts'

/*
 * What the state store (table-state-store.ts) and the reader of functions that only read state
 * (table-state-reader.ts) share: the table, its layout, reading.
 */

export type Client = Pick<TableClient, 'getEntity' | 'upsertEntity' | 'deleteEntity'>

export interface TableStateStoreOptions {
  service: ServiceInfo
  /** Default: $PURISTA_STATE_TABLE over the PURISTA_TABLES connection. */
  client?: Client
}

/** One client per worker process, created by the first store. */
let sharedClient: Client | undefined
export function tableClient(): Client {
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

export const isNotFound = (error: unknown) => (error as { statusCode?: number }).statusCode === 404

/** An entity per name: the partition is the service and version, the row key the name. */
export const partitionOf = (service: ServiceInfo) => `${service.serviceName}:${service.serviceVersion}`

/** Table storage failing is our problem, not the caller's: a 503 with the reason in the log. */
export async function tableCall<T>(client: Client, partition: string, work: (client: Client) => Promise<T>): Promise<T> {
  try {
    return await work(client)
  } catch (error) {
    throw new UnhandledError(StatusCode.ServiceUnavailable, `state store (Table storage, partition ${partition}) failed: ${(error as Error).message}`)
  }
}

/** context.states.getState: each name's value, undefined where none is stored. */
export async function readStates(client: Client, partition: string, names: string[]): Promise<Record<string, unknown>> {
  const values = await Promise.all(
    names.map((name) =>
      tableCall(client, partition, async (client) => {
        try {
          return JSON.parse(joinParts(await client.getEntity<Record<string, unknown>>(partition, rowKey(name)))) as unknown
        } catch (error) {
          if (isNotFound(error)) return undefined
          throw error
        }
      }),
    ),
  )
  return Object.fromEntries(names.map((name, i) => [name, values[i]]))
}

/** A value longer than a property holds is spread over value, value1, value2 … (see table-state-store.ts). */
function joinParts(entity: Record<string, unknown>): string {
  let json = String(entity.value)
  for (let n = 1; typeof entity[`value${n}`] === 'string'; n++) json += entity[`value${n}`] as string
  return json
}

/** Row keys may not hold / \ # ? or control characters: names are percent-encoded, which keeps them apart. */
export const rowKey = (name: string) => encodeURIComponent(name)
