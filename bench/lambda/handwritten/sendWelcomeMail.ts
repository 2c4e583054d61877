import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { z } from 'zod'
import { setState } from './shared.ts'

const lambda = new LambdaClient({})
const payloadSchema = z.object({ userId: z.string() })
const userSchema = z.object({ userId: z.string(), email: z.string(), name: z.string() })

export async function handler(event: { detail: { payload: unknown } }) {
  const payload = payloadSchema.parse(event.detail.payload)
  const answer = await lambda.send(new InvokeCommand({ FunctionName: process.env.GET_USER_FUNCTION, Payload: JSON.stringify({ userId: payload.userId }) }))
  if (answer.FunctionError) throw new Error(`getUser failed: ${answer.FunctionError}`)
  const user = userSchema.parse(JSON.parse(Buffer.from(answer.Payload!).toString()))
  await setState('Email', `mail:${user.email}`, { to: user.email, subject: `Welcome, ${user.name}!` })
}
