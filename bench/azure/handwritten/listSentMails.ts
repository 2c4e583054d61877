import { app } from '@azure/functions'
import { z } from 'zod'
import { getState, json, traceIdOf } from './shared.ts'

const parameterSchema = z.object({ to: z.string().email() })
const mailSchema = z.object({ to: z.string(), subject: z.string() })

app.http('Email-v1-listSentMails', {
  route: 'api/v1/mails',
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: async (request) => {
    const traceId = traceIdOf(request.headers)
    const parameter = parameterSchema.safeParse({ to: request.query.get('to') })
    if (!parameter.success) return json(400, traceId, { status: 400, issues: parameter.error.issues })
    const mail = await getState('Email', `mail:${parameter.data.to}`)
    return json(200, traceId, z.array(mailSchema).parse(mail ? [mail] : []))
  },
})
