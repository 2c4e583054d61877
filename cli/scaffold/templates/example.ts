import type { ServiceIdentifiers } from '../names.ts'
import { builderImport, quoted, type CommandSpec, type SubscriptionSpec } from './service.ts'

/*
 * The first service `purista init` writes holds one worked example of each kind: a command served
 * over HTTP that keeps state and emits an event, a subscription to that event, and a unit test for
 * each, so a new project shows the whole round trip and builds without a warning.
 */

export const GREET: CommandSpec = { name: 'greet', description: 'greets by name and counts the greetings', http: { method: 'POST', path: 'greetings' }, successEvent: 'greeted' }
export const LOG_GREETING: SubscriptionSpec = { name: 'logGreeting', description: 'logs every greeting', event: 'greeted' }

export const greetCommandFile = (s: ServiceIdentifiers) => `import { z } from 'zod'
import { ${s.builderExport} } from '${builderImport(s)}'

export const greet = ${s.builderExport}
  .getCommandBuilder('greet', ${quoted(GREET.description)})
  .addPayloadSchema(z.object({ name: z.string().min(1) }))
  .addOutputSchema(z.object({ greeting: z.string(), count: z.number() }))
  .exposeAsHttpEndpoint('POST', 'greetings') // POST /api/v${s.version}/greetings
  .setSuccessEventName('greeted') // the output is emitted as this event
  .setCommandFunction(async function (context, payload) {
    const { greetingCount = 0 } = await context.states.getState('greetingCount')
    const count = Number(greetingCount) + 1
    await context.states.setState('greetingCount', count)
    return { greeting: \`Hello, \${payload.name}!\`, count }
  })
`

export const greetTestFile = (s: ServiceIdentifiers) => `import { getCommandContextMock } from 'purista'
import { describe, expect, test } from 'vitest'
import { greet } from './greet.js'

describe('${s.serviceName} v${s.version} command greet', () => {
  test('greets by name and counts the greeting', async () => {
    const payload = { name: 'Ada' }
    const parameter = {}
    const context = getCommandContextMock({ payload, parameter })
    // What the function reads is stubbed; what it writes is recorded by the stubs.
    context.stubs.getState.resolves({ greetingCount: 41 })

    const result = await greet.getCommandFunction()(context.mock, payload, parameter)

    expect(result).toEqual({ greeting: 'Hello, Ada!', count: 42 })
    expect(context.stubs.setState.calledWith('greetingCount', 42)).toBe(true)
  })
})
`

export const logGreetingFile = (s: ServiceIdentifiers) => `import { z } from 'zod'
import { ${s.builderExport} } from '${builderImport(s)}'

export const logGreeting = ${s.builderExport}
  .getSubscriptionBuilder('logGreeting', ${quoted(LOG_GREETING.description)})
  .subscribeToEvent('greeted')
  .addPayloadSchema(z.object({ greeting: z.string(), count: z.number() }))
  .setSubscriptionFunction(async function (context, payload) {
    context.logger.info('greeted', { greeting: payload.greeting, count: payload.count })
  })
`

export const logGreetingTestFile = (s: ServiceIdentifiers) => `import { getSubscriptionContextMock } from 'purista'
import { describe, expect, test } from 'vitest'
import { logGreeting } from './logGreeting.js'

describe('${s.serviceName} v${s.version} subscription logGreeting', () => {
  test('logs the greeting', async () => {
    const payload = { greeting: 'Hello, Ada!', count: 42 }
    const context = getSubscriptionContextMock({ payload, message: { eventName: 'greeted' } })

    await logGreeting.getSubscriptionFunction()(context.mock, payload, undefined)

    expect(context.stubs.logger.info.calledWith('greeted', payload)).toBe(true)
  })
})
`
