import type { Command } from 'commander'
import { configOption } from './options.ts'

interface Common {
  config: string
  service?: string
  serviceVersion?: string
  description?: string
  force?: boolean
}

export function registerAdd(program: Command): void {
  const add = program
    .command('add')
    .description('add a service, command or subscription, laid out the PURISTA way and registered in its service')
    .addHelpText(
      'after',
      `
Files go under <src>/service/<service>/v<version>/ (src from purista.config.ts):
  add service billing            billingServiceBuilder.ts, billingV1Service.ts
  add command createInvoice      command/createInvoice/createInvoice.ts + .test.ts, added to billingV1Service.ts
  add subscription sendInvoice   subscription/sendInvoice/sendInvoice.ts + .test.ts, added likewise
Names are camelCase. --service may be left out when the project has one service.

Examples:
  purista add service billing
  purista add command createInvoice --service billing --http POST:invoices --success-event invoiceCreated
  purista add command getInvoice --http GET:invoices/:invoiceId
  purista add subscription sendInvoice --service billing --event invoiceCreated`,
    )

  const shared = (command: Command) => command.addOption(configOption()).option('--description <text>', 'what it does (default: made from its name)').option('--force', 'overwrite files that exist already')
  const inService = (command: Command) =>
    shared(command).option('--service <name>', "the service it belongs to (default: the project's only service)").option('--service-version <n>', "the service's version (default: its only one)")

  shared(add.command('service').argument('<name>', 'camelCase, e.g. billing or userProfile').description('a service: its builder and its service file'))
    .option('--service-version <n>', 'the service version, served under /api/v<n>/', '1')
    .addHelpText('after', '\nExample:\n  purista add service billing --description "bills the customers"    # service/billing/v1/')
    .action(async (name: string, options: Common) => {
      const { addService, loadProject, runScaffold, formatAddReport } = await scaffold()
      await runScaffold(async () => formatAddReport(addService(await loadProject(options.config), { ...options, name, force: options.force ?? false })))
    })

  inService(add.command('command').argument('<name>', 'camelCase, e.g. createInvoice').description('a command and its unit test, added to the service'))
    .option('--http <METHOD:path>', 'serve it over HTTP at /api/v<version>/<path>, e.g. POST:invoices or GET:invoices/:invoiceId')
    .option('--success-event <eventName>', 'emit the output as this event after every successful call')
    .addHelpText('after', '\nExample:\n  purista add command createInvoice --service billing --http POST:invoices --success-event invoiceCreated')
    .action(async (name: string, options: Common & { http?: string; successEvent?: string }) => {
      const { addCommand, loadProject, runScaffold, formatAddReport, canPrompt, askServiceIfSeveral } = await scaffold()
      await runScaffold(async () => {
        const project = await loadProject(options.config)
        const service = options.service ?? (canPrompt() ? await askServiceIfSeveral(project.srcDir) : undefined)
        return formatAddReport(addCommand(project, { ...options, name, service, force: options.force ?? false }))
      })
    })

  inService(add.command('subscription').argument('<name>', 'camelCase, e.g. sendInvoice').description('a subscription to an event and its unit test, added to the service'))
    .option('--event <eventName>', 'the event it runs on (asked for on a terminal when missing)')
    .addHelpText('after', '\nExample:\n  purista add subscription sendInvoice --service billing --event invoiceCreated')
    .action(async (name: string, options: Common & { event?: string }) => {
      const { addSubscription, loadProject, runScaffold, formatAddReport, canPrompt, ask, askServiceIfSeveral, ScaffoldError } = await scaffold()
      await runScaffold(async () => {
        const project = await loadProject(options.config)
        const service = options.service ?? (canPrompt() ? await askServiceIfSeveral(project.srcDir) : undefined)
        const event = options.event ?? (canPrompt() ? await ask('event it runs on') : undefined)
        if (!event) throw new ScaffoldError('a subscription needs the event it runs on: pass --event <eventName>')
        return formatAddReport(addSubscription(project, { ...options, name, service, event, force: options.force ?? false }))
      })
    })
}

/** The implementation, loaded only when an add command runs. */
async function scaffold() {
  const [add, run, report, prompt, names] = await Promise.all([import('../scaffold/add.ts'), import('../scaffold/run.ts'), import('../scaffold/report.ts'), import('../scaffold/prompt.ts'), import('../scaffold/names.ts')])
  return { ...add, ...run, ...report, ...prompt, ScaffoldError: names.ScaffoldError }
}
