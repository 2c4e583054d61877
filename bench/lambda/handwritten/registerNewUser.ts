import { randomUUID } from 'node:crypto'
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge'
import { z } from 'zod'
import { getState, json, setState, traceIdOf } from './shared.ts'

const events = new EventBridgeClient({})
const payloadSchema = z.object({ email: z.string().email(), name: z.string().min(1) })
const outputSchema = z.object({ userId: z.string() })

export async function handler(event: { headers?: Record<string, string>; body?: string; isBase64Encoded?: boolean }) {
  const traceId = traceIdOf(event.headers)
  let body: unknown
  try {
    body = JSON.parse(Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8').toString())
  } catch {
    return json(400, traceId, { status: 400, detail: 'request body is not valid JSON' })
  }
  const payload = payloadSchema.safeParse(body)
  if (!payload.success) return json(400, traceId, { status: 400, issues: payload.error.issues })
  const emailKey = `email:${payload.data.email.toLowerCase()}`
  if (await getState('User', emailKey)) return json(409, traceId, { status: 409, detail: 'a user with this email already exists' })
  const userId = randomUUID()
  await setState('User', `user:${userId}`, { userId, ...payload.data })
  await setState('User', emailKey, userId)
  const output = outputSchema.parse({ userId })
  const result = await events.send(
    new PutEventsCommand({ Entries: [{ EventBusName: process.env.PURISTA_EVENT_BUS, Source: 'purista', DetailType: 'userRegistered', Detail: JSON.stringify({ traceId, payload: output }) }] }),
  )
  if (result.FailedEntryCount) return json(503, traceId, { status: 503 })
  return json(200, traceId, output)
}
