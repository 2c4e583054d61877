import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb'
import type { AddressInfo } from 'node:net'
// dynalite has no types; it is a DynamoDB API server on LevelDB (in memory unless given a path).
// @ts-expect-error untyped module
import dynalite from 'dynalite'
import { STATE_KEY_ATTRIBUTE } from '../../../runtime/stores/dynamodb-table.ts'

export interface LocalDynamo {
  endpoint: string
  close(): Promise<void>
}

/** Credentials the SDK accepts; a local endpoint checks none. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' }
export const LOCAL_REGION = 'us-east-1'

export interface TableDefinition {
  TableName: string
  KeySchema: unknown[]
  AttributeDefinitions: unknown[]
}

/** The table the CDK stack creates for context.states. */
export const stateTable = (TableName: string): TableDefinition => ({
  TableName,
  KeySchema: [{ AttributeName: STATE_KEY_ATTRIBUTE, KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: STATE_KEY_ATTRIBUTE, AttributeType: 'S' }],
})

/** A DynamoDB on a loopback port (a free one unless given), holding the given empty tables, in memory. */
export async function startLocalDynamo(tables: TableDefinition[], port = 0): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS })
  for (const table of tables) await client.send(new CreateTableCommand({ ...(table as CreateTableCommandInput), BillingMode: 'PAY_PER_REQUEST' }))
  client.destroy()
  return { endpoint, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
