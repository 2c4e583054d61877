// What a careful hand-written Function App would share between its functions: clients made once per
// worker, the state table layout purista uses (partition per service, row per name, JSON value),
// JSON answers with a trace id.
import { randomUUID } from 'node:crypto'
import { TableClient } from '@azure/data-tables'
import type { HttpResponseInit } from '@azure/functions'
import { z } from 'zod'

const table = TableClient.fromConnectionString(process.env.PURISTA_TABLES!, process.env.PURISTA_STATE_TABLE!, { allowInsecureConnection: true })

export async function getState(service: string, key: string): Promise<unknown> {
  try {
    const entity = await table.getEntity<{ value: string }>(`${service}:1`, encodeURIComponent(key))
    return JSON.parse(entity.value)
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined
    throw error
  }
}

export async function setState(service: string, key: string, value: unknown): Promise<void> {
  await table.upsertEntity({ partitionKey: `${service}:1`, rowKey: encodeURIComponent(key), value: JSON.stringify(value) }, 'Replace')
}

export const userSchema = z.object({ userId: z.string(), email: z.string(), name: z.string() })

/** getUser's work, called in process by the functions of this app that need a user. */
export async function readUser(userId: string) {
  const user = await getState('User', `user:${userId}`)
  return user === undefined ? undefined : userSchema.parse(user)
}

export const traceIdOf = (headers: Headers) => headers.get('x-trace-id') ?? randomUUID()

export const json = (status: number, traceId: string, body: unknown): HttpResponseInit => ({
  status,
  headers: { 'x-trace-id': traceId, 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  body: JSON.stringify(body),
})
