import { describe, expect, test } from 'vitest'
import { register, type Registration } from './register.ts'

const command: Registration = { kind: 'command', exportName: 'createInvoice', importPath: './command/createInvoice/createInvoice.js' }
const subscription: Registration = { kind: 'subscription', exportName: 'sendInvoice', importPath: './subscription/sendInvoice/sendInvoice.js' }
const textOf = (result: ReturnType<typeof register>) => (result.status === 'registered' ? result.text : `(${result.status})`)

describe('register', () => {
  test('fills an empty call and adds the import after the last one', () => {
    const file = `import { billingV1ServiceBuilder } from './billingServiceBuilder.js'

export const billingV1Service = billingV1ServiceBuilder
  .addCommandDefinition()
  .addSubscriptionDefinition()
`
    expect(textOf(register(file, command))).toBe(`import { billingV1ServiceBuilder } from './billingServiceBuilder.js'
import { createInvoice } from './command/createInvoice/createInvoice.js'

export const billingV1Service = billingV1ServiceBuilder
  .addCommandDefinition(createInvoice.getDefinition())
  .addSubscriptionDefinition()
`)
  })

  test('appends to arguments on one line, after a spread too', () => {
    const file = `import { commandDefinitions } from './commandDefinitions.js'\nexport const s = b.addCommandDefinition(...commandDefinitions)\n`
    expect(textOf(register(file, command))).toContain('b.addCommandDefinition(...commandDefinitions, createInvoice.getDefinition())')
  })

  test('keeps one argument a line when the call is written so', () => {
    const file = `export const s = b.addSubscriptionDefinition(
  a.getDefinition(),
  // the nightly one
  c.getDefinition(),
)
`
    expect(textOf(register(file, subscription))).toBe(`import { sendInvoice } from './subscription/sendInvoice/sendInvoice.js'
export const s = b.addSubscriptionDefinition(
  a.getDefinition(),
  // the nightly one
  c.getDefinition(),
  sendInvoice.getDefinition(),
)
`)
  })

  test('chains a call of the missing kind after the other kind', () => {
    const file = `import { a } from './a.js'\n\nexport const s = b\n  .addCommandDefinition(a.getDefinition())\n`
    expect(textOf(register(file, subscription))).toContain('  .addCommandDefinition(a.getDefinition())\n  .addSubscriptionDefinition(sendInvoice.getDefinition())\n')
    expect(textOf(register(`export const s = b.addCommandDefinition()\n`, subscription))).toContain('b.addCommandDefinition().addSubscriptionDefinition(sendInvoice.getDefinition())')
  })

  test('leaves a registered definition alone, and a file it cannot read with certainty', () => {
    expect(register('export const s = b.addCommandDefinition(createInvoice.getDefinition())', command).status).toBe('already-registered')
    expect(register('export const s = makeService(b)', command).status).toBe('unrecognized')
    expect(register('export const s = b.addCommandDefinition(', command).status).toBe('unrecognized')
  })
})
