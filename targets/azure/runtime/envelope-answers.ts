import { app, type HttpRequest } from '@azure/functions'
import { respond } from '../../../runtime/bridge/respond.ts'
import type { Address, CommandMessage } from '../../../runtime/core/envelope.ts'
import { servingInvocations } from './function.ts'
import { registerInProcess } from './in-process-commands.ts'

/**
 * A command that other functions call with its envelope: in process from this app's functions, over
 * its invoke route (a function key required) from other apps'. Either way the answer is the response
 * envelope a broker would carry. The build passes this only to commands some function invokes
 * (wiring: invokedInProcess, invokeRoute); the others answer HTTP and nothing else.
 */
export function answerEnvelopes(address: Address, run: (command: CommandMessage) => Promise<unknown>, registration: { name: string; http: unknown; invokeRoute: string | null }): void {
  const answerEnvelope = (command: CommandMessage) => respond(command, run)
  registerInProcess(address, answerEnvelope)
  if (!registration.invokeRoute) return
  app.http(registration.http ? `${registration.name}-invoke` : registration.name, {
    route: registration.invokeRoute,
    methods: ['POST'],
    authLevel: 'function',
    handler: servingInvocations('http', async (request: HttpRequest) => ({ jsonBody: await answerEnvelope((await request.json()) as CommandMessage) })),
  })
}
