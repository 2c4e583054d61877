import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { removeProject, scratchProject } from '../../e2e/helpers.ts'
import { ModuleScopes, resolveRelative } from './module-scope.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any

const dir = scratchProject({
  'src/schema.ts': [
    `import { extendApi } from 'purista'`,
    `import { z } from 'zod'`,
    `import type { Other } from './types.ts'`,
    `import { Kinds } from './kinds.js'`,
    `const name = z.string().min(1)`,
    `export const itemSchema = extendApi(z.object({ name, kind: z.enum(Kinds) }), { title: 'an item' })`,
    `export type Item = z.infer<typeof itemSchema> & Other`,
  ].join('\n'),
  'src/kinds.ts': `export const Kinds = ['a', 'b'] as const\n`,
  'src/types.ts': `export type Other = { at?: string }\n`,
  'src/effects.ts': `import { z } from 'zod'\nexport const schema = z.string()\nconsole.log('loaded')\n`,
  'src/logger.ts': `import { createLogger } from 'purista'\nimport { z } from 'zod'\nexport const schema = z.string()\nexport const logger = createLogger()\n`,
  'src/uses.ts': [
    `import { z } from 'zod'`,
    `import { itemSchema } from './schema.js'`,
    `import { schema as fromEffects } from './effects.js'`,
    `import { helper } from 'some-package'`,
    `let counter = z.number()`,
    `const made = () => z.string()`,
    `export const a = z.array(itemSchema)`,
    `export const b = helper(z.string())`,
    `export const c = counter.optional()`,
    `export const d = z.string().transform(made)`,
    `export const e = fromEffects.optional()`,
  ].join('\n'),
})
afterAll(() => removeProject(dir))

const scopes = new ModuleScopes(z)
const initOf = (file: string, name: string): Node => (scopes.scope(file)!.program.body as Node[]).flatMap((s) => (s.declaration ?? s).declarations ?? []).find((d: Node) => d.id.name === name).init

describe('ModuleScopes', () => {
  const uses = join(dir, 'src/uses.ts')

  it('evaluates a schema made through constants of its module and of a schema.ts, with extendApi', () => {
    const evaluated = scopes.evaluate(scopes.scope(uses)!, initOf(uses, 'a'))!
    const schema = evaluated.value as z.ZodType
    expect(schema.safeParse([{ name: 'x', kind: 'a' }]).success).toBe(true)
    expect(schema.safeParse([{ name: '', kind: 'c' }]).success).toBe(false)
    expect(evaluated.reads.sort()).toEqual(['itemSchema', 'z'])
    expect([...scopes.declarationsFor(scopes.scope(uses)!, evaluated.reads).values()]).toEqual([`import { itemSchema as itemSchema } from ${JSON.stringify(join(dir, 'src/schema.ts'))};`, `import { z as z } from 'zod';`])
  })

  it('leaves what would run code of the user or of a package: a package import, a let, a function', () => {
    for (const name of ['b', 'c', 'd']) expect(scopes.evaluate(scopes.scope(uses)!, initOf(uses, name)), name).toBeUndefined()
  })

  it('knows a module that only declares schemas, data and types from one that does more when it loads', () => {
    expect(scopes.declaresOnly(join(dir, 'src/schema.ts'))).toBe(true)
    expect(scopes.declaresOnly(join(dir, 'src/effects.ts'))).toBe(false)
    expect(scopes.declaresOnly(join(dir, 'src/logger.ts'))).toBe(false)
    expect(scopes.declaresOnly(uses)).toBe(false)
  })

  it('finds a relative import as TypeScript does: the .ts behind a .js, an index, no package', () => {
    expect(resolveRelative('./kinds.js', join(dir, 'src/schema.ts'))).toBe(join(dir, 'src/kinds.ts'))
    expect(resolveRelative('./kinds', join(dir, 'src/schema.ts'))).toBe(join(dir, 'src/kinds.ts'))
    expect(resolveRelative('../src', join(dir, 'src/schema.ts'))).toBeUndefined()
    expect(resolveRelative('zod', join(dir, 'src/schema.ts'))).toBeUndefined()
  })
})
