import { randomUUID } from 'node:crypto'
import { app } from '@azure/functions'
import { ServiceBusClient } from '@azure/service-bus'
import { z } from 'zod'
import { getState, json, setState, traceIdOf } from './shared.ts'

const sender = new ServiceBusClient(process.env.PURISTA_SERVICEBUS!).createSender('user-email')
const payloadSchema = z.object({ email: z.string().email(), name: z.string().min(1) })
const outputSchema = z.object({ userId: z.string() })

app.http('User-v1-registerNewUser', {
  route: 'api/v1/users',
  methods: ['POST'],
  authLevel: 'anonymous',
  handler: async (request) => {
    const traceId = traceIdOf(request.headers)
    let body: unknown
    try {
      body = JSON.parse(await request.text())
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
    try {
      await sender.sendMessages({ body: { traceId, payload: output }, contentType: 'application/json', applicationProperties: { eventName: 'userRegistered', senderServiceVersion: '1' } })
    } catch {
      return json(503, traceId, { status: 503 })
    }
    return json(200, traceId, output)
  },
})
