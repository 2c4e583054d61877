import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { REPO, runCli } from './helpers.ts'

const shop = join(REPO, 'fixtures/shop/purista.config.ts')

describe('purista CLI', () => {
  test.concurrent.each([[[]], [['build']], [['inspect']], [['graph']]])('--help %j explains itself', async (command) => {
    const result = await runCli([...command, '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Usage: purista')
    expect(result.stdout).toContain('--help')
    if (command[0] === 'build') expect(result.stdout).toMatch(/--target <name>[\s\S]*monolith/)
  })

  test('inspect prints a table of every command and subscription with its source', async () => {
    const result = await runCli(['inspect', '--config', shop])
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^SERVICE\s+KIND\s+NAME\s+TRIGGER\s+EMITS\s+INVOKES\s+SOURCE$/)
    expect(lines).toHaveLength(1 + 11 + 3)
    expect(result.stdout).toMatch(/Order v1\s+command\s+placeOrder\s+POST \/api\/v1\/orders\s+orderPlaced\s+Catalog.getProduct, Customer.getCustomer, Inventory.reserveStock\s+src\/service\/order\/v1\/command\/placeOrder.ts:6/)
  })

  test('inspect --json prints the AppModel, stable from run to run', async () => {
    const [a, b] = await Promise.all([runCli(['inspect', '--json', '--config', shop]), runCli(['inspect', '--json', '--config', shop])])
    expect(a.stdout).toBe(b.stdout)
    const model = JSON.parse(a.stdout)
    expect(model.modelVersion).toBe(1)
    expect(model.services.map((s: { serviceName: string }) => s.serviceName)).toEqual(['Catalog', 'Customer', 'Inventory', 'Notification', 'Order'])
    expect(model.events.find((e: { name: string }) => e.name === 'orderPlaced')).toEqual({
      name: 'orderPlaced',
      producers: [{ serviceName: 'Order', serviceVersion: '1', target: 'placeOrder', kind: 'custom' }],
      consumers: [{ serviceName: 'Notification', serviceVersion: '1', target: 'sendOrderConfirmation' }],
    })
  })

  test('graph prints a Mermaid flowchart of routes, events and invocations', async () => {
    const out = join(REPO, '.purista-tmp', 'graph.mmd')
    const result = await runCli(['graph', '--config', join(REPO, 'purista.config.ts'), '--out', out])
    expect(result.code).toBe(0)
    const diagram = readFileSync(out, 'utf8')
    expect(diagram.split('\n')[0]).toBe('flowchart LR')
    expect(diagram).toContain('Client -->|"POST /api/v1/users"| cmd_User_1_registerNewUser')
    expect(diagram).toContain('cmd_User_1_registerNewUser -->|emits| evt_userRegistered')
    expect(diagram).toContain('evt_userRegistered -->|subscribes| sub_Email_1_sendWelcomeMail')
    expect(diagram).toContain('sub_Email_1_sendWelcomeMail -.->|invokes| cmd_User_1_getUser')
  })

  test('an unknown target is refused with the list of targets', async () => {
    const unknown = await runCli(['build', '--target', 'mainframe'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('unknown target; available: monolith, containers, lambda, azure')
    const typo = await runCli(['build', '--target', 'lamda'])
    expect(typo.stderr).toContain('unknown target (did you mean "lambda"?); available: monolith, containers, lambda, azure')
  })

  test('purista start names how the targets it does not run are run', async () => {
    const monolith = await runCli(['start', '--target', 'monolith'])
    expect(monolith.code).toBe(1)
    expect(monolith.stderr).toContain('the monolith runs with purista dev')
    expect((await runCli(['start', '--target', 'azur'])).stderr).toContain('purista start runs lambda or azure (did you mean "azure"?)')
  })

  test('--images with no reachable Docker engine fails clearly and keeps the bundles it wrote', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'purista-images-'))
    const result = await runCli(['build', '--target', 'containers', '--images', '--config', shop, '--out-dir', outDir], { DOCKER_HOST: 'tcp://127.0.0.1:1' })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('error image-build: cannot reach the Docker engine (tcp://127.0.0.1:1)')
    expect(result.stderr).toContain('was written, the images were not')
    expect(existsSync(join(outDir, 'containers', 'gateway', 'index.mjs'))).toBe(true)
  })

  test('build --json reports files, sizes and timings', async () => {
    const result = await runCli(['build', '--json', '--config', shop])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.ok).toBe(true)
    expect(report.steps.map((s: { name: string }) => s.name)).toEqual(['config', 'analyze', 'typecheck', 'plan', 'bundle', 'emit'])
    // The shop fixture has no tsconfig.json of its own: the report says the type check did not run, and why.
    expect(report.typecheck).toEqual({ ran: false, reason: 'no tsconfig.json' })
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(['Dockerfile', 'index.mjs', 'index.mjs.map'])
    expect(report.files.every((f: { bytes: number }) => f.bytes > 0)).toBe(true)
  })
})
