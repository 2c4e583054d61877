import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { removeProject, scratchProject } from '../../e2e/helpers.ts'
import { bundle } from './bundle.ts'
import { loadedOutputs } from './loaded-outputs.ts'

const dir = scratchProject({
  'src/plain.ts': `import { z } from 'zod'\nexport const schema = z.object({ n: z.number().int() })\n`,
  'src/refined.ts': `import { z, ZodType } from 'zod'\nexport const schema = z.number().refine((n) => n % 2 === 0)\nexport const isSchema = (value: unknown) => value instanceof ZodType\n`,
})
afterAll(() => removeProject(dir))

test('with zodLite, a module that uses only what zod-lite has gets it; one that uses more gets zod, in the same pass', async () => {
  const entries = ['plain', 'refined'].map((name) => ({ out: `${name}/index`, contents: `export * from './src/${name}.ts'\n` }))
  // ZodType is no export of zod-lite's: had refined.ts been given zod-lite, the pass would fail.
  const { metafile } = await bundle({ entries, outDir: join(dir, 'dist'), resolveDir: dir, shareChunks: true, zodLite: true })
  // Each entry's own inputs and its chunks'.
  const inputsOf = (out: string) => [...loadedOutputs(metafile, `dist/${out}/index.mjs`)].flatMap((path) => Object.keys(metafile.outputs[path]!.inputs))
  expect(inputsOf('plain').some((input) => input.endsWith('runtime/zod-lite/zod.ts'))).toBe(true)
  expect(inputsOf('plain').some((input) => input.includes('node_modules/zod/v4/classic/'))).toBe(false)
  expect(inputsOf('refined').some((input) => input.includes('node_modules/zod/v4/classic/'))).toBe(true)
})
