import { expect, test } from 'vitest'
import { analyzeProject } from './test-project.ts'

const source = `import { ServiceBuilder } from '@purista/core'
export const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: '1', serviceDescription: '' })
export const acknowledged = svc
  .getCommandBuilder('acknowledged', '')
  .adviceAutoacknowledgeMessages()
  .exposeAsHttpEndpoint('GET', 'acknowledged')
  .setSuccessEventName('acknowledged')
  .setCommandFunction(async () => 1)
export const tested = svc
  .getSubscriptionBuilder('tested', '')
  .subscribeToEvent('acknowledged')
  .getSubscriptionFunctionPlain()
export const queued = svc.getCommandBuilder('queued', '').canEnqueue('billing')
export const typo = svc.getCommandBuilder('typo', '').setComandFunction(async () => 1)
export const service = svc.addCommandDefinition(acknowledged.getDefinition(), typo.getDefinition())
`

const positionOf = (text: string) => {
  const lines = source.slice(0, source.indexOf(text)).split('\n')
  return { line: lines.length, column: lines.at(-1)!.length + 1 }
}

test('a PURISTA method purista lacks (a test helper) or a typo fails the build at its call, naming it and what to use instead', () => {
  const unsupported = analyzeProject({ 'src/svc.ts': source }).diagnostics.filter((d) => d.code === 'unsupported-method')
  expect(unsupported).toEqual([
    {
      severity: 'error',
      code: 'unsupported-method',
      file: 'src/svc.ts',
      ...positionOf('getSubscriptionFunctionPlain'),
      message: "getSubscriptionFunctionPlain() of PURISTA's subscription builder is not supported by purista yet",
      hint: expect.stringContaining('getSubscriptionFunction()'),
    },
    expect.objectContaining({ ...positionOf('canEnqueue'), message: "canEnqueue() of PURISTA's command builder is not supported by purista yet", hint: expect.stringContaining("came with PURISTA's line after v3") }),
    expect.objectContaining({ ...positionOf('setComandFunction'), message: 'setComandFunction() is not a method of the command builder', hint: expect.stringContaining('setCommandFunction') }),
  ])
})

test("a command's adviceAutoacknowledgeMessages() builds, with a warning that it changes nothing", () => {
  const warnings = analyzeProject({ 'src/svc.ts': source }).diagnostics.filter((d) => d.code === 'ignored-on-target')
  expect(warnings).toEqual([expect.objectContaining({ severity: 'warning', ...positionOf('adviceAutoacknowledgeMessages'), message: expect.stringContaining('purista acknowledges a command once it has answered it') })])
})

test('what the builders have is accepted, whichever name PURISTA gives it', () => {
  const { diagnostics } = analyzeProject({
    'src/svc.ts': `import { ServiceBuilder } from 'purista'
const s = {} as any
const f = async () => ({}) as any
export const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: '1', serviceDescription: '' })
const a = svc.getCommandBuilder('a', '').markAsDeprecated().addOpenApiTags('x').setOpenApiSummary('s').setOpenApiOperationId('o').addOpenApiErrorStatusCodes(404).disableHttpSecurity().enableHttpSecurity().setBeforeGuardHooks({}).setAfterGuardHooks({}).setTransformInput(s, s, f).setTransformOutput(s, f).exposeAsHttpEndpoint('GET', 'a').setSuccessEventName('e').setCommandFunction(async () => 1)
const b = svc.getSubscriptionBuilder('b', '').subscribeToEvent('e', '1').receiveMessageOnEveryInstance().adviceDurable(false).adviceAutoacknowledgeMessage().filterPrincipalId('p').filterTenantId('t').filterSentFrom('A', '1', 'a').filterReceivedBy(undefined, '1').filterForMessageType('commandSuccessResponse').setBeforeGuardHooks({}).setAfterGuardHooks({}).setTransformInput(s, s, f).setTransformOutput(s, f).setSubscriptionFunction(async () => {})
export const service = svc.addCommandDefinition(a.getDefinition()).addSubscriptionDefinition(b.getDefinition())
`,
  })
  expect(diagnostics).toEqual([])
})
