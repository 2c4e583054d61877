// What a careful hand-written handler would share between its functions: clients made once per
// container, the state table layout purista uses, JSON answers with a trace id.
import { randomUUID } from 'node:crypto'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'

export const db = DynamoDBDocumentClient.from(new DynamoDBClient({}))
const table = process.env.PURISTA_STATE_TABLE

export async function getState(service: string, key: string): Promise<unknown> {
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: { key: `${service}:1:${key}` } }))
  return Item?.value
}

export async function setState(service: string, key: string, value: unknown): Promise<void> {
  await db.send(new PutCommand({ TableName: table, Item: { key: `${service}:1:${key}`, value } }))
}

export const traceIdOf = (headers: Record<string, string | undefined> = {}) => headers['x-trace-id'] ?? randomUUID()

export const json = (statusCode: number, traceId: string, body: unknown) => ({
  statusCode,
  headers: { 'x-trace-id': traceId, 'content-type': statusCode < 400 ? 'application/json' : 'application/problem+json' },
  body: JSON.stringify(body),
})
