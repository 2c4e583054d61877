import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { expect, test } from 'vitest'
import { analyze } from './analyze.ts'

const SERVICE = `import { ServiceBuilder } from 'purista'
export const svc = new ServiceBuilder({ serviceName: 'A', serviceVersion: '1', serviceDescription: '' })
const open = svc.getCommandBuilder('open', '').exposeAsHttpEndpoint('GET', 'open').makeEndpointPublic().setCommandFunction(async () => 1)
const closed = svc.getCommandBuilder('closed', '').exposeAsHttpEndpoint('GET', 'closed').setCommandFunction(async () => 1)
const explicit = svc.getCommandBuilder('explicit', '').exposeAsHttpEndpoint('GET', 'explicit').enableHttpSecurity(false).setCommandFunction(async () => 1)
export const service = svc.addCommandDefinition(open.getDefinition(), closed.getDefinition(), explicit.getDefinition())
`

function analyzeWithGuard(files: Record<string, string>, authGuard?: { file: string; export: string }) {
  const root = mkdtempSync(join(tmpdir(), 'purista-auth-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return analyze({ projectRoot: root, srcDir: join(root, 'src'), name: 'test', authGuard: authGuard && { ...authGuard, file: join(root, authGuard.file) } })
}

const routes = (model: ReturnType<typeof analyze>['model']) => model.services[0]!.commands.map((c) => [c.name, c.http?.public, c.http?.protected])

test('with an auth guard, every route not declared public is protected; the guard is in the model', () => {
  // The guard's module is read, never run: its throw would fail the build if it were.
  const { model, diagnostics } = analyzeWithGuard({ 'src/svc.ts': SERVICE, 'src/auth.ts': `throw new Error('never run')\nexport const authGuard = async () => undefined\n` }, { file: 'src/auth.ts', export: 'authGuard' })
  expect(diagnostics).toEqual([])
  expect(model.authGuard).toEqual({ file: 'src/auth.ts', export: 'authGuard' })
  expect(routes(model)).toEqual([['closed', false, true], ['explicit', true, false], ['open', true, false]])
})

test('without one, nothing is protected', () => {
  const { model } = analyzeWithGuard({ 'src/svc.ts': SERVICE })
  expect(model.authGuard).toBeNull()
  expect(routes(model).every(([, , isProtected]) => isProtected === false)).toBe(true)
})

test('a guard module that does not export the name, or does not exist, fails the build', () => {
  const missingExport = analyzeWithGuard({ 'src/svc.ts': SERVICE, 'src/auth.ts': 'export const other = 1\n' }, { file: 'src/auth.ts', export: 'authGuard' })
  expect(missingExport.diagnostics).toMatchObject([{ severity: 'error', code: 'not-exported', file: 'src/auth.ts', message: 'src/auth.ts does not export "authGuard", the auth guard purista.config.ts names' }])
  const missingFile = analyzeWithGuard({ 'src/svc.ts': SERVICE }, { file: 'src/nope.ts', export: 'authGuard' })
  expect(missingFile.diagnostics).toMatchObject([{ severity: 'error', code: 'invalid-config', message: 'http.authGuard: no module at src/nope.ts' }])
})
