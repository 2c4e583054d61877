import type { HttpMethod } from '../../../runtime/builders/types.ts'
import type { ServiceIdentifiers } from '../names.ts'

/*
 * The files of a service, laid out the PURISTA way:
 *   service/<name>/v<version>/<name>ServiceBuilder.ts        the builder every definition hangs off
 *   service/<name>/v<version>/<name>V<version>Service.ts     the service with its definitions added
 *   …/command/<command>/<command>.ts (+ .test.ts)             one folder per command
 *   …/subscription/<subscription>/<subscription>.ts (+ .test.ts)
 * Relative imports end in .js: that is what NodeNext resolution asks for, and bundlers accept it.
 */

export interface CommandSpec {
  name: string
  description: string
  http?: { method: HttpMethod; path: string }
  successEvent?: string
}

export interface SubscriptionSpec {
  name: string
  description: string
  event: string
}

export interface DefinitionRef {
  exportName: string
  importPath: string
}

/** A string literal in the generated code's quote style. */
export const quoted = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`

/** 'createInvoice' → 'create invoice', the description when none is given. */
export const describeName = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()

export const commandPath = (name: string) => `command/${name}/${name}`
export const subscriptionPath = (name: string) => `subscription/${name}/${name}`
/** From a command or subscription file to its service's builder. */
export const builderImport = (s: ServiceIdentifiers) => `../../${s.builderFile.replace(/\.ts$/, '.js')}`

export const serviceBuilderFile = (s: ServiceIdentifiers, description: string) => `import { ServiceBuilder } from 'purista'

export const ${s.builderExport} = new ServiceBuilder({
  serviceName: '${s.serviceName}',
  serviceVersion: '${s.version}',
  serviceDescription: ${quoted(description)},
})
`

/** The service file; \`purista add\` registers new definitions in its two calls. */
export function serviceFile(s: ServiceIdentifiers, commands: DefinitionRef[] = [], subscriptions: DefinitionRef[] = []): string {
  const imports = [...commands, ...subscriptions].map((d) => `import { ${d.exportName} } from '${d.importPath}'`)
  imports.push(`import { ${s.builderExport} } from './${s.builderFile.replace(/\.ts$/, '.js')}'`)
  const args = (refs: DefinitionRef[]) => refs.map((d) => `${d.exportName}.getDefinition()`).join(', ')
  const byPath = (line: string) => line.slice(line.indexOf(' from '))
  return `${imports.sort((a, b) => byPath(a).localeCompare(byPath(b))).join('\n')}

export const ${s.serviceExport} = ${s.builderExport}
  .addCommandDefinition(${args(commands)})
  .addSubscriptionDefinition(${args(subscriptions)})
`
}

/** Path parameters of a route ('invoices/:invoiceId' → ['invoiceId']); they reach the function in `parameter`. */
const pathParameters = (path: string) => [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!)
const takesBody = (c: CommandSpec) => !c.http || !['GET', 'DELETE'].includes(c.http.method)
const objectLiteral = (entries: string[]) => (entries.length ? `{ ${entries.join(', ')} }` : '{}')

export function commandFile(s: ServiceIdentifiers, c: CommandSpec): string {
  const parameters = pathParameters(c.http?.path ?? '')
  const steps = [
    `.getCommandBuilder('${c.name}', ${quoted(c.description)})`,
    ...(takesBody(c) ? ['.addPayloadSchema(z.object({}))'] : []),
    `.addParameterSchema(z.object(${objectLiteral(parameters.map((p) => `${p}: z.string()`))}))`,
    '.addOutputSchema(z.object({}))',
    ...(c.http ? [`.exposeAsHttpEndpoint('${c.http.method}', '${c.http.path}')`] : []),
    ...(c.successEvent ? [`.setSuccessEventName('${c.successEvent}')`] : []),
  ]
  return `import { z } from 'zod'
import { ${s.builderExport} } from '${builderImport(s)}'

export const ${c.name} = ${s.builderExport}
  ${steps.join('\n  ')}
  .setCommandFunction(async function (context, ${takesBody(c) ? 'payload' : '_payload'}, parameter) {
    // payload and parameter arrive validated by their schemas; what is returned is checked against the output schema.
    return {}
  })
`
}

export function commandTestFile(s: ServiceIdentifiers, c: CommandSpec): string {
  const parameter = objectLiteral(pathParameters(c.http?.path ?? '').map((p) => `${p}: '${p}-1'`))
  return `import { getCommandContextMock } from 'purista'
import { describe, expect, test } from 'vitest'
import { ${c.name} } from './${c.name}.js'

describe('${s.serviceName} v${s.version} command ${c.name}', () => {
  test('returns its output', async () => {
    const payload = ${takesBody(c) ? '{}' : 'undefined'}
    const parameter = ${parameter}
    const context = getCommandContextMock({ payload, parameter })

    const result = await ${c.name}.getCommandFunction()(context.mock, payload, parameter)

    expect(result).toEqual({})
  })
})
`
}

export const subscriptionFile = (s: ServiceIdentifiers, sub: SubscriptionSpec) => `import { z } from 'zod'
import { ${s.builderExport} } from '${builderImport(s)}'

export const ${sub.name} = ${s.builderExport}
  .getSubscriptionBuilder('${sub.name}', ${quoted(sub.description)})
  .subscribeToEvent('${sub.event}')
  .addPayloadSchema(z.object({}))
  .setSubscriptionFunction(async function (context, payload) {
    // Runs once for each '${sub.event}' event, with its payload validated by the schema.
    context.logger.info('${sub.event} received', { payload })
  })
`

export const subscriptionTestFile = (s: ServiceIdentifiers, sub: SubscriptionSpec) => `import { getSubscriptionContextMock } from 'purista'
import { describe, expect, test } from 'vitest'
import { ${sub.name} } from './${sub.name}.js'

describe('${s.serviceName} v${s.version} subscription ${sub.name}', () => {
  test('handles the event', async () => {
    const payload = {}
    const context = getSubscriptionContextMock({ payload, message: { eventName: '${sub.event}' } })

    await ${sub.name}.getSubscriptionFunction()(context.mock, payload, undefined)

    expect(context.stubs.logger.info.calledWith('${sub.event} received', { payload })).toBe(true)
  })
})
`
