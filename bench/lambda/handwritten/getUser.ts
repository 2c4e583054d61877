import { z } from 'zod'
import { getState, json, traceIdOf } from './shared.ts'

const parameterSchema = z.object({ userId: z.string() })
const userSchema = z.object({ userId: z.string(), email: z.string(), name: z.string() })

export async function handler(event: { headers?: Record<string, string>; pathParameters?: Record<string, string> }) {
  const traceId = traceIdOf(event.headers)
  const parameter = parameterSchema.safeParse(event.pathParameters ?? {})
  if (!parameter.success) return json(400, traceId, { status: 400, issues: parameter.error.issues })
  const user = await getState('User', `user:${parameter.data.userId}`)
  if (!user) return json(404, traceId, { status: 404, detail: 'user not found', data: { userId: parameter.data.userId } })
  return json(200, traceId, userSchema.parse(user))
}
