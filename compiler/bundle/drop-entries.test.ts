import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { removeProject, scratchProject } from '../../e2e/helpers.ts'
import { bundle } from './bundle.ts'
import { dropEntries } from './drop-entries.ts'

// Two entries share folder a/ (and its chunks/), as an Azure app's functions do; b/three has its own.
const dir = scratchProject({
  'all.ts': `export const all = () => 'shared by every entry'\n`,
  'oneAndThree.ts': `export const oneAndThree = () => 'shared by one and three'\n`,
})
afterAll(() => removeProject(dir))

test('dropping an entry takes its script, its map and the chunks no other entry of its folder loads', async () => {
  const entries = [
    { out: 'a/one', contents: `import { all } from './all.ts'\nimport { oneAndThree } from './oneAndThree.ts'\nconsole.log(all(), oneAndThree())\n` },
    { out: 'a/two', contents: `import { all } from './all.ts'\nconsole.log(all())\n` },
    { out: 'b/three', contents: `import { all } from './all.ts'\nimport { oneAndThree } from './oneAndThree.ts'\nconsole.log(all(), oneAndThree())\n` },
  ]
  const outDir = join(dir, 'dist')
  const { metafile } = await bundle({ entries, outDir, resolveDir: dir, shareChunks: true, minify: false })
  const chunks = (folder: string) => readdirSync(join(outDir, folder, 'chunks')).filter((name) => name.endsWith('.mjs')).sort()
  const before = { a: chunks('a'), b: chunks('b') }
  expect(before.a).toHaveLength(2)
  dropEntries(metafile, dir, new Set(['a/one']))
  expect(existsSync(join(outDir, 'a/one.mjs')) || existsSync(join(outDir, 'a/one.mjs.map'))).toBe(false)
  expect(existsSync(join(outDir, 'a/two.mjs'))).toBe(true)
  // a/two loads the chunk of all.ts only, and it stays; b/three keeps both of its own.
  const loadedByTwo = [...readFileSync(join(outDir, 'a/two.mjs'), 'utf8').matchAll(/"\.\/chunks\/([^"]+)"/g)].map((m) => m[1])
  expect(loadedByTwo).toHaveLength(1)
  expect(chunks('a')).toEqual(loadedByTwo)
  expect(readdirSync(join(outDir, 'a/chunks'))).toHaveLength(2)
  expect(chunks('b')).toEqual(before.b)
})
