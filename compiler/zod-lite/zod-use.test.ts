import { describe, expect, it } from 'vitest'
import { zodUsesBeyondLite } from './zod-use.ts'

const uses = (text: string) => zodUsesBeyondLite('m.ts', text).map((reason) => reason.slice('m.ts: '.length))

describe('zodUsesBeyondLite', () => {
  it('accepts schemas built, parsed and typed with what zod-lite has (the user-email fixture)', () => {
    expect(
      uses(`
        import { z } from 'zod'
        import * as zz from 'zod'
        import { object, type ZodType } from 'zod'
        export const userSchema = z.object({ userId: z.string().uuid(), email: z.string().email(), name: z.string().min(1).optional() })
        export type User = z.infer<typeof userSchema>
        const other: ZodType = object({ n: zz.number().int().max(3) }) as unknown as ZodType
        export async function run(user: unknown, payload: { email: string }) {
          const key = payload.email.toLowerCase()
          const { [key]: found } = await load(key)
          return [userSchema.parse(found ?? user), other.safeParse(user)]
        }
      `),
    ).toStrictEqual([])
  })

  it('names what keeps zod: classic-only methods on any object, other names of z, z as a value, zod loaded at run time', () => {
    expect(
      uses(`
        import { z, ZodError, type ZodIssue } from 'zod'
        import zod from 'zod'
        export * from 'zod'
        const a = z.string().refine((s) => s.length > 2)
        const b = z.object({ n: z.number() }).transform((o) => o.n)
        const c = z.discriminatedUnion('k', [])
        const d = z['object']({}) // a spelled-out name zod-lite has
        const e = zod.string().pipe(z.string())
        const f = (x: { extend: () => void }) => x['extend']()
        const { superRefine } = z.string()
        register(z)
        const lazy = await import('zod')
      `),
    ).toStrictEqual([
      're-exports * from zod',
      'uses .refine',
      'uses .transform',
      'uses z.discriminatedUnion',
      'uses .pipe',
      'uses .extend',
      'takes .superRefine apart',
      'uses z other than as z.<name>',
      'loads zod at run time',
    ])
  })

  it('only imports of names zod-lite lacks count, type-only imports do not', () => {
    expect(uses(`import { ZodError, coerce } from 'zod'\nimport type { ZodIssue } from 'zod'\nimport { type ZodSchema } from 'zod'`)).toStrictEqual(['imports coerce from zod'])
  })

  it('a module that does not parse keeps zod', () => {
    expect(zodUsesBeyondLite('m.ts', 'const = 1')).toStrictEqual(['m.ts does not parse'])
  })
})
