import { app } from '@azure/functions'
import { z } from 'zod'
import { readUser, setState } from './shared.ts'

const payloadSchema = z.object({ userId: z.string() })

app.serviceBusTopic('Email-v1-sendWelcomeMail', {
  connection: 'PURISTA_SERVICEBUS',
  topicName: 'user-email',
  subscriptionName: 'Email-v1-sendWelcomeMail',
  handler: async (message) => {
    const payload = payloadSchema.parse((message as { payload: unknown }).payload)
    // getUser runs in this app: called in process, as purista calls it.
    const user = await readUser(payload.userId)
    if (!user) throw new Error(`user ${payload.userId} not found`)
    await setState('Email', `mail:${user.email}`, { to: user.email, subject: `Welcome, ${user.name}!` })
  },
})
