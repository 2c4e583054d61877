import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { analyze } from '../../compiler/analyze/analyze.ts'
import { loadConfig, type ResolvedConfig } from '../../compiler/config/load-config.ts'
import { removeProject, scratchProject } from '../../e2e/helpers.ts'
import { addCommand, addService, addSubscription, loadProject, parseHttp } from './add.ts'
import { init } from './init.ts'

// Projects inside the repository, so that their imports of zod and purista resolve as a user's would.
const projects: string[] = []
afterAll(() => projects.forEach(removeProject))

async function newProject(): Promise<ResolvedConfig> {
  const dir = scratchProject({})
  projects.push(dir)
  await init({ dir, install: false, force: false, puristaVersion: '0.0.0' })
  return loadConfig(join(dir, 'purista.config.ts')).config!
}
const read = (project: ResolvedConfig, path: string) => readFileSync(join(project.projectRoot, path), 'utf8')
const BILLING = 'src/service/billing/v1'

describe('purista add, in the project init wrote', () => {
  let project: ResolvedConfig
  beforeAll(async () => {
    project = await newProject()
  })

  test('a command goes into the only service when none is named', () => {
    const result = addCommand(project, { name: 'sayGoodbye', force: false })
    expect(result).toEqual({
      written: ['src/service/greeting/v1/command/sayGoodbye/sayGoodbye.ts', 'src/service/greeting/v1/command/sayGoodbye/sayGoodbye.test.ts'],
      changed: ['src/service/greeting/v1/greetingV1Service.ts'],
    })
    expect(read(project, 'src/service/greeting/v1/greetingV1Service.ts')).toContain('.addCommandDefinition(greet.getDefinition(), sayGoodbye.getDefinition())')
  })

  test('a service, a command served over HTTP emitting an event, and a subscription to it: a purista app without warnings', () => {
    expect(addService(project, { name: 'billing', force: false }).written).toEqual([`${BILLING}/billingServiceBuilder.ts`, `${BILLING}/billingV1Service.ts`])
    expect(addCommand(project, { name: 'createInvoice', service: 'billing', http: 'POST:invoices/:customerId', successEvent: 'invoiceCreated', force: false }).changed).toEqual([`${BILLING}/billingV1Service.ts`])
    expect(addSubscription(project, { name: 'sendInvoice', service: 'billing', event: 'invoiceCreated', force: false }).changed).toEqual([`${BILLING}/billingV1Service.ts`])

    expect(read(project, `${BILLING}/billingV1Service.ts`)).toBe(`import { billingV1ServiceBuilder } from './billingServiceBuilder.js'
import { createInvoice } from './command/createInvoice/createInvoice.js'
import { sendInvoice } from './subscription/sendInvoice/sendInvoice.js'

export const billingV1Service = billingV1ServiceBuilder
  .addCommandDefinition(createInvoice.getDefinition())
  .addSubscriptionDefinition(sendInvoice.getDefinition())
`)
    const { model, diagnostics } = analyze(project)
    expect(diagnostics).toEqual([])
    expect(model.services.find((s) => s.serviceName === 'Billing')).toMatchObject({
      serviceVersion: '1',
      commands: [{ name: 'createInvoice', description: 'create invoice', http: { method: 'POST', path: '/api/v1/invoices/:customerId' }, successEvent: 'invoiceCreated' }],
      subscriptions: [{ name: 'sendInvoice', event: 'invoiceCreated' }],
    })
    expect(read(project, `${BILLING}/command/createInvoice/createInvoice.ts`)).toContain('.addParameterSchema(z.object({ customerId: z.string() }))')
    expect(read(project, `${BILLING}/command/createInvoice/createInvoice.test.ts`)).toContain("const parameter = { customerId: 'customerId-1' }")
  })

  test('with several services, the service must be named', () => {
    expect(() => addCommand(project, { name: 'refund', force: false })).toThrow('which service? pass --service <name>; the project has: billing (v1), greeting (v1)')
    expect(() => addCommand(project, { name: 'refund', service: 'shipping', force: false })).toThrow('no service "shipping"; the project has: billing (v1), greeting (v1)')
    // The service's name as `purista inspect` prints it finds its folder.
    expect(() => addCommand(project, { name: 'refund', service: 'Billing', serviceVersion: '2', force: false })).toThrow('service Billing has no version 2; it has: billing (v1)')
    expect(() => addCommand(project, { name: 'refund', service: 'billing', serviceVersion: '2', force: false })).toThrow('service billing has no version 2; it has: billing (v1)')
  })

  test('refuses to overwrite a definition that exists, and to take names that are not camelCase', () => {
    expect(() => addCommand(project, { name: 'createInvoice', service: 'billing', force: false })).toThrow(`${BILLING}/command/createInvoice/createInvoice.ts, ${BILLING}/command/createInvoice/createInvoice.test.ts exist already`)
    expect(() => addSubscription(project, { name: 'send_invoice', service: 'billing', event: 'invoiceCreated', force: false })).toThrow('subscription name "send_invoice" is not camelCase (letters and digits, starting lowercase): try "sendInvoice"')
    expect(() => addService(project, { name: 'Billing', force: false })).toThrow('service name "Billing" is not camelCase (letters and digits, starting lowercase): try "billing"')
    expect(() => addSubscription(project, { name: 'audit', service: 'billing', event: 'invoice created', force: false })).toThrow('event name "invoice created" may hold')
  })
})

describe('purista add, in a service file of another shape', () => {
  test('writes the files and says which lines to add when the file has no call it can edit', async () => {
    const project = await newProject()
    const serviceFile = 'src/service/greeting/v1/greetingV1Service.ts'
    writeFileSync(join(project.projectRoot, serviceFile), "import { makeService } from '../../../make.js'\nexport const greetingV1Service = makeService()\n")

    const result = addSubscription(project, { name: 'audit', event: 'greeted', force: false })

    expect(result.written).toEqual(['src/service/greeting/v1/subscription/audit/audit.ts', 'src/service/greeting/v1/subscription/audit/audit.test.ts'])
    expect(result.manual).toEqual({
      file: serviceFile,
      reason: 'has no .addCommandDefinition(…) or .addSubscriptionDefinition(…) call purista can edit',
      lines: ["import { audit } from './subscription/audit/audit.js'", '.addSubscriptionDefinition(audit.getDefinition())'],
    })
  })

  test('finds the services of the fixture, whose files are named their own way', async () => {
    const fixture = await loadProject(join(import.meta.dirname, '../../fixtures/user-email/purista.config.ts'))
    expect(() => addCommand(fixture, { name: 'x', force: false })).toThrow('which service? pass --service <name>; the project has: email (v1), user (v1)')
  })
})

test('--http takes METHOD:path', () => {
  expect(parseHttp('get:/users/:userId/')).toEqual({ method: 'GET', path: 'users/:userId' })
  expect(() => parseHttp('users')).toThrow('--http takes METHOD:path, with METHOD one of GET, POST, PUT, PATCH, DELETE, e.g. POST:invoices or GET:invoices/:invoiceId; got "users"')
  expect(() => parseHttp('FETCH:users')).toThrow('got "FETCH:users"')
  // The prefix is the route's already: repeated, the command would answer at /api/v1/api/v1/bills.
  expect(() => parseHttp('POST:/api/v1/bills')).toThrow(`--http's path goes below /api/v<version>/, which purista adds from the service's version: give "POST:bills", not "POST:/api/v1/bills"`)
  expect(parseHttp('GET:apis/v1')).toEqual({ method: 'GET', path: 'apis/v1' })
})
