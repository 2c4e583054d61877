import { app } from '@azure/functions'
import { z } from 'zod'
import { json, readUser, traceIdOf } from './shared.ts'

const parameterSchema = z.object({ userId: z.string() })

app.http('User-v1-getUser', {
  route: 'api/v1/users/{userId}',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: async (request) => {
    const traceId = traceIdOf(request.headers)
    const parameter = parameterSchema.safeParse(request.params)
    if (!parameter.success) return json(400, traceId, { status: 400, issues: parameter.error.issues })
    const user = await readUser(parameter.data.userId)
    if (!user) return json(404, traceId, { status: 404, detail: 'user not found', data: { userId: parameter.data.userId } })
    return json(200, traceId, user)
  },
})
