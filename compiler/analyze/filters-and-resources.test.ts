import { expect, test } from 'vitest'
import { analyzeProject } from './test-project.ts'

const service = (chain: string, serviceChain = '') => ({
  'src/svc.ts': `import { ServiceBuilder, EBMessageType } from '@purista/core'
const tenant = 'acme' as const
export const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: '1', serviceDescription: '' })${serviceChain}
const ping = svc.getCommandBuilder('ping', '').setSuccessEventName('pinged').setCommandFunction(async () => 1)
const onPing = svc.getSubscriptionBuilder('onPing', '').subscribeToEvent('pinged')${chain}.setSubscriptionFunction(async () => {})
export const service = svc.addCommandDefinition(ping.getDefinition()).addSubscriptionDefinition(onPing.getDefinition())
`,
})

test('the filters and the acknowledgement advice are in the model, with static values read as names are', () => {
  const { model, diagnostics } = analyzeProject(
    service(".filterPrincipalId('ada').filterTenantId(tenant).filterSentFrom('A', undefined, 'ping').filterReceivedBy('HttpServer', 1).filterForMessageType(EBMessageType.CommandSuccessResponse).adviceAutoacknowledgeMessage()"),
  )
  expect(diagnostics).toEqual([])
  expect(model.services[0]!.subscriptions[0]).toMatchObject({
    eventServiceVersion: null,
    filter: { principalId: 'ada', tenantId: 'acme', sender: { serviceName: 'A', serviceTarget: 'ping' }, receiver: { serviceName: 'HttpServer', serviceVersion: '1' }, messageType: 'commandSuccessResponse' },
    autoacknowledge: true,
  })
})

test("filterSentFrom's version is the subscription's sender version, replacing subscribeToEvent's, as in PURISTA", () => {
  const { model } = analyzeProject(service(".filterSentFrom(undefined, '2')"))
  expect(model.services[0]!.subscriptions[0]).toMatchObject({ eventServiceVersion: '2', filter: { sender: {} }, autoacknowledge: false })
})

test('a filter value that cannot be read statically is not-static; a message type a subscription never gets is invalid-filter', () => {
  const { diagnostics } = analyzeProject(service(".filterPrincipalId(process.env.PRINCIPAL).filterForMessageType(EBMessageType.Command)"))
  expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
    ['not-static', expect.stringContaining('principal id')],
    ['invalid-filter', 'a subscription never receives "command" messages, so it would never run'],
  ])
})

test("defineResource<'name', Type>() names the service's resources; the name must be a string literal type", () => {
  const { model, diagnostics } = analyzeProject(service('', ".defineResource<'db', { query(): void }>().defineResource<'cache', Map<string, string>>()"))
  expect(diagnostics).toEqual([])
  expect(model.services[0]!.resources).toEqual(['cache', 'db'])
  const unnamed = analyzeProject(service('', '.defineResource<Name, number>()'))
  expect(unnamed.diagnostics).toMatchObject([{ code: 'not-static', message: expect.stringContaining('resource name'), line: 3 }])
})
