import { expect, test } from 'vitest'
import { analyzeProject } from './test-project.ts'

const source = `import { ServiceBuilder } from '@purista/core'
export const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: '1', serviceDescription: '' })
export const guarded = svc
  .getCommandBuilder('guarded', '')
  .adviceAutoacknowledgeMessages()
  .exposeAsHttpEndpoint('GET', 'guarded')
  .setSuccessEventName('guarded')
  .setCommandFunction(async () => 1)
export const filtered = svc
  .getSubscriptionBuilder('filtered', '')
  .subscribeToEvent('guarded')
  .setBeforeGuardHooks({ isAdmin: async () => {} })
  .setSubscriptionFunction(async () => {})
export const typo = svc.getCommandBuilder('typo', '').setComandFunction(async () => 1)
export const service = svc.addCommandDefinition(guarded.getDefinition(), typo.getDefinition()).addSubscriptionDefinition(filtered.getDefinition())
`

const positionOf = (text: string) => {
  const lines = source.slice(0, source.indexOf(text)).split('\n')
  return { line: lines.length, column: lines.at(-1)!.length + 1 }
}

test("each PURISTA method purista lacks fails the build at its call, naming it and what to do meanwhile", () => {
  const unsupported = analyzeProject({ 'src/svc.ts': source }).diagnostics.filter((d) => d.code === 'unsupported-method')
  expect(unsupported).toEqual([
    {
      severity: 'error',
      code: 'unsupported-method',
      file: 'src/svc.ts',
      ...positionOf('adviceAutoacknowledgeMessages'),
      message: "adviceAutoacknowledgeMessages() of PURISTA's command builder is not supported by purista yet",
      hint: expect.stringContaining('purista acknowledges as each broker allows'),
    },
    expect.objectContaining({ ...positionOf('setBeforeGuardHooks'), message: "setBeforeGuardHooks() of PURISTA's subscription builder is not supported by purista yet", hint: expect.stringContaining('commands have guard hooks, subscriptions not yet') }),
    expect.objectContaining({ ...positionOf('setComandFunction'), message: 'setComandFunction() is not a method of the command builder', hint: expect.stringContaining('setCommandFunction') }),
  ])
})

test('what the builders have is accepted, whichever name PURISTA gives it', () => {
  const { diagnostics } = analyzeProject({
    'src/svc.ts': `import { ServiceBuilder } from 'purista'
export const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: '1', serviceDescription: '' })
const a = svc.getCommandBuilder('a', '').markAsDeprecated().addOpenApiTags('x').setOpenApiSummary('s').setOpenApiOperationId('o').addOpenApiErrorStatusCodes(404).disableHttpSecurity().enableHttpSecurity().setBeforeGuardHooks({}).setAfterGuardHooks({}).setTransformInput(s, s, f).setTransformOutput(s, f).exposeAsHttpEndpoint('GET', 'a').setSuccessEventName('e').setCommandFunction(async () => 1)
const b = svc.getSubscriptionBuilder('b', '').subscribeToEvent('e', '1').receiveMessageOnEveryInstance().adviceDurable(false).adviceAutoacknowledgeMessage().filterPrincipalId('p').filterTenantId('t').filterSentFrom('A', '1', 'a').filterReceivedBy(undefined, '1').filterForMessageType('commandSuccessResponse').setSubscriptionFunction(async () => {})
export const service = svc.addCommandDefinition(a.getDefinition()).addSubscriptionDefinition(b.getDefinition())
`,
  })
  expect(diagnostics).toEqual([])
})
