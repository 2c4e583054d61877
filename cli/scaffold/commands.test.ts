import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { removeProject, runCli, scratchProject } from '../../e2e/helpers.ts'

// The commands as a user runs them: wiring, output and exit codes. What they write is tested in init.test.ts and add.test.ts.
const dir = scratchProject({})
afterAll(() => removeProject(dir))

test('init prints every file it wrote and what to run next; add registers and prints what it changed', async () => {
  const initRun = await runCli(['init', dir, '--no-install', '--service', 'billing'])
  expect(initRun).toMatchObject({ code: 0, stderr: '' })
  expect(initRun.stdout).toContain('  wrote src/service/billing/v1/command/greet/greet.test.ts\n')
  expect(initRun.stdout).toMatch(/next:\n {2}cd .*\n {2}npm install\n {2}npm test /)

  const addRun = await runCli(['add', 'command', 'createInvoice', '--config', join(dir, 'purista.config.ts'), '--http', 'POST:invoices'])
  expect(addRun).toMatchObject({ code: 0, stderr: '' })
  expect(addRun.stdout).toBe(
    ['  wrote   src/service/billing/v1/command/createInvoice/createInvoice.ts', '  wrote   src/service/billing/v1/command/createInvoice/createInvoice.test.ts', '  updated src/service/billing/v1/billingV1Service.ts', ''].join('\n'),
  )
  expect(readFileSync(join(dir, 'src/service/billing/v1/billingV1Service.ts'), 'utf8')).toContain('createInvoice.getDefinition()')
})

test('a mistake is one line on stderr and exit code 1', async () => {
  const run = await runCli(['init', dir, '--no-install', '--service', 'billing'])
  expect(run.code).toBe(1)
  expect(run.stderr).toMatch(/^error: tsconfig\.json, purista\.config\.ts, .* exist already, so nothing was written; run again with --force to overwrite\n$/)
  const noEvent = await runCli(['add', 'subscription', 'audit', '--config', join(dir, 'purista.config.ts')])
  expect(noEvent).toMatchObject({ code: 1, stderr: 'error: a subscription needs the event it runs on: pass --event <eventName>\n' })
})

test('--help of each command shows examples', async () => {
  for (const command of [['init'], ['add'], ['add', 'service'], ['add', 'command'], ['add', 'subscription']]) {
    const { stdout } = await runCli([...command, '--help'])
    expect(stdout, command.join(' ')).toMatch(/Examples?:\n {2}(npx )?purista /)
  }
})
