import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { BatchGetCommand, DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { ServiceInfo } from '../builders/types.ts'
import { StatusCode, UnhandledError } from '../core/errors.ts'
import { STATE_KEY_ATTRIBUTE, STATE_TABLE_VARIABLE } from './dynamodb-table.ts'
import type { StateStore } from './types.ts'

/** BatchGetItem takes at most 100 keys per call. */
const BATCH_LIMIT = 100
const MAX_BATCH_ROUNDS = 8

/** One client per process (per Lambda container), created by the first store. */
let sharedClient: DynamoDBDocumentClient | undefined
const documentClient = () =>
  (sharedClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true } }))

export interface DynamoStateStoreOptions {
  service: ServiceInfo
  /** Default: $PURISTA_STATE_TABLE. */
  tableName?: string
  client?: DynamoDBDocumentClient
}

/**
 * State that outlives a function: Lambdas share no memory, so a user stored by one function is
 * read by another from DynamoDB. Items are { key: "<service>:<version>:<name>", value }.
 */
export class DynamoStateStore implements StateStore {
  // #private: true privacy, and esbuild shortens the names (this class ships in Lambda bundles).
  readonly #table: string
  readonly #namespace: string
  readonly #client: DynamoDBDocumentClient

  constructor(options: DynamoStateStoreOptions) {
    const table = options.tableName ?? process.env[STATE_TABLE_VARIABLE]
    if (!table) throw new Error(`no DynamoDB table for state: set ${STATE_TABLE_VARIABLE} (the CDK stack does)`)
    this.#table = table
    this.#namespace = `${options.service.serviceName}:${options.service.serviceVersion}:`
    this.#client = options.client ?? documentClient()
  }

  async getState(...names: string[]) {
    const found = new Map<string, unknown>()
    for (let start = 0; start < names.length; start += BATCH_LIMIT) {
      let keys: Record<string, unknown>[] | undefined = [...new Set(names.slice(start, start + BATCH_LIMIT))].map((name) => ({ [STATE_KEY_ATTRIBUTE]: this.#namespace + name }))
      // DynamoDB may leave keys unprocessed under load; they are asked for again, a bounded number of times.
      for (let round = 0; keys?.length; round++) {
        if (round === MAX_BATCH_ROUNDS) throw new UnhandledError(StatusCode.ServiceUnavailable, `state store (DynamoDB table ${this.#table}) left ${keys.length} keys unread`)
        const result = await this.#call((client) => client.send(new BatchGetCommand({ RequestItems: { [this.#table]: { Keys: keys!, ConsistentRead: true } } })))
        for (const item of result.Responses?.[this.#table] ?? []) found.set(String(item[STATE_KEY_ATTRIBUTE]).slice(this.#namespace.length), item.value)
        keys = result.UnprocessedKeys?.[this.#table]?.Keys
      }
    }
    return Object.fromEntries(names.map((name) => [name, found.get(name)]))
  }

  async setState(name: string, value: unknown) {
    await this.#call((client) => client.send(new PutCommand({ TableName: this.#table, Item: { [STATE_KEY_ATTRIBUTE]: this.#namespace + name, value } })))
  }

  async removeState(name: string) {
    await this.#call((client) => client.send(new DeleteCommand({ TableName: this.#table, Key: { [STATE_KEY_ATTRIBUTE]: this.#namespace + name } })))
  }

  /** DynamoDB failing is our problem, not the caller's: a 503 with the reason in the log. */
  async #call<T>(work: (client: DynamoDBDocumentClient) => Promise<T>): Promise<T> {
    try {
      return await work(this.#client)
    } catch (error) {
      throw new UnhandledError(StatusCode.ServiceUnavailable, `state store (DynamoDB table ${this.#table}) failed: ${(error as Error).message}`)
    }
  }
}
