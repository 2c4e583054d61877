import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { replaceDirAtomically } from './atomic-dir.ts'

const setup = () => {
  const parent = mkdtempSync(join(tmpdir(), 'purista-atomic-'))
  const target = join(parent, 'out')
  mkdirSync(target)
  writeFileSync(join(target, 'old.txt'), 'old')
  return { parent, target }
}

test('a successful write replaces the folder as a whole', async () => {
  const { parent, target } = setup()
  await replaceDirAtomically(target, async (dir) => writeFileSync(join(dir, 'new.txt'), 'new'))
  expect(readdirSync(target)).toEqual(['new.txt'])
  expect(readdirSync(parent)).toEqual(['out'])
})

test('a failed write leaves the folder exactly as it was and no staging folder behind', async () => {
  const { parent, target } = setup()
  await expect(
    replaceDirAtomically(target, async (dir) => {
      writeFileSync(join(dir, 'half.txt'), 'half')
      throw new Error('bundling failed')
    }),
  ).rejects.toThrow('bundling failed')
  expect(readdirSync(target)).toEqual(['old.txt'])
  expect(readFileSync(join(target, 'old.txt'), 'utf8')).toBe('old')
  expect(readdirSync(parent)).toEqual(['out'])
})

test('the first build creates the folder', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'purista-atomic-'))
  await replaceDirAtomically(join(parent, 'dist', 'monolith'), async (dir) => writeFileSync(join(dir, 'index.mjs'), ''))
  expect(existsSync(join(parent, 'dist', 'monolith', 'index.mjs'))).toBe(true)
})

test('kept paths the old folder has move into the new one, unless the new one writes them', async () => {
  const { target } = setup()
  mkdirSync(join(target, 'cdk/node_modules/aws-cdk-lib'), { recursive: true })
  writeFileSync(join(target, 'cdk/package-lock.json'), 'lock')
  writeFileSync(join(target, 'cdk/app.mjs'), 'old app')
  await replaceDirAtomically(target, async (dir) => {
    mkdirSync(join(dir, 'cdk'))
    writeFileSync(join(dir, 'cdk/app.mjs'), 'new app')
  }, ['cdk/node_modules', 'cdk/package-lock.json', 'cdk/app.mjs', 'cdk/absent'])
  expect(readdirSync(join(target, 'cdk')).sort()).toEqual(['app.mjs', 'node_modules', 'package-lock.json'])
  expect(readFileSync(join(target, 'cdk/app.mjs'), 'utf8')).toBe('new app')
  expect(existsSync(join(target, 'old.txt'))).toBe(false)
  expect(readdirSync(join(target, 'cdk/node_modules'))).toEqual(['aws-cdk-lib'])
})
