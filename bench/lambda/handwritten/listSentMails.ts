import { z } from 'zod'
import { getState, json, traceIdOf } from './shared.ts'

const parameterSchema = z.object({ to: z.string().email() })
const mailSchema = z.object({ to: z.string(), subject: z.string() })

export async function handler(event: { headers?: Record<string, string>; queryStringParameters?: Record<string, string> }) {
  const traceId = traceIdOf(event.headers)
  const parameter = parameterSchema.safeParse({ to: event.queryStringParameters?.to })
  if (!parameter.success) return json(400, traceId, { status: 400, issues: parameter.error.issues })
  const mail = await getState('Email', `mail:${parameter.data.to}`)
  return json(200, traceId, z.array(mailSchema).parse(mail ? [mail] : []))
}
