import { expect, test } from 'vitest'
import { analyzeProject } from './test-project.ts'

const project = (functions: string, extra = '') => ({
  'src/names.ts': `export const SIGNING_KEY = 'signingKey'\nexport const Names = { site: 'siteName' } as const\n`,
  'src/svc.ts': `import { ServiceBuilder } from '@purista/core'
import { SIGNING_KEY, Names } from './names.js'
${extra}
export const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: '1', serviceDescription: '' })
${functions}
export const service = svc.addCommandDefinition(sign.getDefinition()).addSubscriptionDefinition(onSigned.getDefinition())
`,
})

test("the secret and config names each function reads are in the model, written as literals, constants or imported const members", () => {
  const { model, diagnostics } = analyzeProject(
    project(`const sign = svc.getCommandBuilder('sign', '').setSuccessEventName('signed').setCommandFunction(async function (context) {
  const { signingKey } = await context.secrets.getSecret(SIGNING_KEY, 'fallbackKey')
  const { secrets, configs } = context
  await secrets.getSecret('signingKey')
  return (await configs.getConfig(Names.site)).siteName + signingKey
})
const onSigned = svc.getSubscriptionBuilder('onSigned', '').subscribeToEvent('signed').setSubscriptionFunction(readsTheFeed)`,
    `async function readsTheFeed(context: any) { await context.configs.getConfig('feedUrl') }`),
  )
  expect(diagnostics).toEqual([])
  expect(model.services[0]!.commands[0]).toMatchObject({ secrets: ['fallbackKey', 'signingKey'], configs: ['siteName'] })
  expect(model.services[0]!.subscriptions[0]).toMatchObject({ secrets: [], configs: ['feedUrl'] })
})

test('a name that cannot be read statically is a not-static error at it; a function whose code is out of sight, a warning', () => {
  const { diagnostics } = analyzeProject(
    project(`const sign = svc.getCommandBuilder('sign', '').setSuccessEventName('signed').setCommandFunction(async (context, payload: { key: string }) => context.secrets.getSecret(payload.key))
const onSigned = svc.getSubscriptionBuilder('onSigned', '').subscribeToEvent('signed').setSubscriptionFunction(makeHandler())`,
    `const makeHandler = () => async () => {}`),
  )
  expect(diagnostics).toEqual([
    expect.objectContaining({ severity: 'error', code: 'not-static', file: 'src/svc.ts', line: 5, message: expect.stringContaining('cannot determine the name passed to getSecret() statically') }),
    expect.objectContaining({ severity: 'warning', code: 'not-static', file: 'src/svc.ts', line: 6, message: 'cannot see the code of this function, so no secrets or configs it reads are known' }),
  ])
})
