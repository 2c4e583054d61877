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
