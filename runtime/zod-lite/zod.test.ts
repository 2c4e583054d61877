import { describe, expect, it } from 'vitest'
import * as zod from 'zod'
import * as lite from './zod.ts'

/*
 * Every schema is built twice, by zod's classic API and by zod-lite, from the same code, and both
 * must answer every input alike: the same issues (message, path, code and the rest), the same
 * output value, the same thrown error.
 */
type Z = typeof zod.z
const schemas: Record<string, (z: Z) => zod.ZodType> = {
  'object of email and min length (registerNewUser)': (z) => z.object({ email: z.string().email(), name: z.string().min(1) }),
  'string formats': (z) => z.object({ id: z.string().uuid(), site: z.string().url(), mail: z.email(), key: z.uuid() }),
  'string checks': (z) => z.object({ a: z.string().max(3), b: z.string().length(2), c: z.string().regex(/^x+$/), d: z.string().startsWith('a').endsWith('z').includes('m'), e: z.string().nonempty(), f: z.string().lowercase(), g: z.string().uppercase() }),
  'string overwrites': (z) => z.object({ a: z.string().trim().toLowerCase(), b: z.string().toUpperCase() }),
  numbers: (z) => z.object({ a: z.number().int(), b: z.number().min(1).max(10), c: z.number().gt(0).lt(5), d: z.number().positive(), e: z.number().nonnegative(), f: z.number().negative(), g: z.number().nonpositive(), h: z.number().multipleOf(3), i: z.int(), j: z.number().gte(2).lte(3) }),
  'optional, nullable, nullish': (z) => z.object({ a: z.string().optional(), b: z.number().nullable(), c: z.boolean().nullish(), d: z.optional(z.string()), e: z.nullable(z.string()), f: z.nullish(z.number()) }),
  'unions and literals': (z) => z.union([z.object({ kind: z.literal('a'), n: z.number() }), z.object({ kind: z.literal('b'), s: z.string() }), z.string()]),
  'or and literal lists': (z) => z.object({ x: z.string().or(z.number()), y: z.literal(['on', 'off', 1]) }),
  enums: (z) => z.object({ color: z.enum(['red', 'green']), native: z.enum({ A: 'a', B: 'b' }) }),
  'arrays and nested objects': (z) => z.array(z.object({ to: z.string(), tags: z.array(z.string()).min(1).max(2), meta: z.object({ n: z.number() }) })).nonempty(),
  'array lengths and .array()': (z) => z.object({ a: z.string().array().length(2), b: z.array(z.number()).max(1) }),
  'strip, strict, passthrough': (z) => z.object({ s: z.object({ a: z.string() }), t: z.object({ a: z.string() }).strict(), p: z.object({ a: z.string() }).passthrough(), l: z.object({ a: z.string() }).loose(), r: z.object({ a: z.string() }).strict().strip() }),
  'null, undefined, unknown, any': (z) => z.object({ n: z.null(), u: z.undefined(), k: z.unknown(), y: z.any() }),
  'default and catch': (z) => z.object({ a: z.string().default('x'), b: z.number().catch(7), c: z.array(z.string()).default(() => ['y']) }),
  'custom messages': (z) => z.object({ a: z.string({ error: 'need a string' }).min(2, 'too short'), b: z.number().max(1, { message: 'too big' }), c: z.email({ error: (issue) => `bad ${String(issue.input)}` }) }),
  'empty object (parameter schemas)': (z) => z.object({}),
}

const inputs: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  3,
  Number.NaN,
  Infinity,
  '',
  'x',
  'hello world',
  true,
  [],
  [{}],
  [{ to: 'a', tags: ['t'], meta: { n: 1 } }],
  [{ to: 'a', tags: [], meta: { n: 'x' }, extra: 1 }],
  ['a', 'b'],
  {},
  { email: 'ada@example.com', name: 'Ada' },
  { email: 'not-an-email', name: '' },
  { email: 'ada@example.com', name: 'Ada', admin: true },
  { id: '5f3c7e2a-9b1d-4c8e-a6f0-1d2e3f4a5b6c', site: 'https://example.com/x', mail: 'a@b.co', key: '5F3C7E2A-9B1D-4C8E-A6F0-1D2E3F4A5B6C' },
  { id: 'nope', site: 'example', mail: 'a@b', key: 12 },
  { a: 'abcd', b: 'x', c: 'xy', d: 'amz', e: '', f: 'Ab', g: 'aB' },
  { a: 'abc', b: 'xy', c: 'xxx', d: 'amaz', e: 'e', f: 'ab', g: 'AB' },
  { a: '  MiXed  ', b: 'up' },
  { a: 1.5, b: 0, c: 5, d: 0, e: -1, f: 0, g: 1, h: 4, i: 2 ** 60, j: 2.5 },
  { a: 2, b: 10, c: 4.9, d: 1, e: 0, f: -1, g: 0, h: 9, i: 3, j: 3 },
  { a: 1, b: null, c: undefined, d: undefined, e: null, f: null },
  { a: null, b: undefined, c: 'x' },
  { kind: 'a', n: 1 },
  { kind: 'a', n: 'one' },
  { kind: 'b', s: 's', more: true },
  { kind: 'c' },
  { x: true, y: 'on' },
  { x: 1, y: 2 },
  { color: 'red', native: 'b' },
  { color: 'blue', native: 'B' },
  { a: ['x', 'y'], b: [1] },
  { a: ['x'], b: [1, 2] },
  { s: { a: 'x', b: 1 }, t: { a: 'x', b: 1 }, p: { a: 'x', b: 1 }, l: { a: 'x', b: 2 }, r: { a: 'x', c: 3 } },
  { s: { a: 'x' }, t: { a: 'x' }, p: { a: 'x' }, l: { a: 'x' }, r: { a: 'x' } },
  { n: null, u: undefined, k: Symbol.for('k'), y: () => 1 },
  { n: 0, u: null },
  { a: undefined, b: 'seven' },
  { a: 'set', b: 2, c: ['z'] },
  { a: 'x', b: 2, c: 'bad' },
  new Date(0),
  new Map(),
]

/** What can be compared: issues lose the `inst`/function fields zod keeps on them only when it cannot serialise them either. */
const outcome = (schema: { '~standard': { validate: (v: unknown) => unknown }; safeParse: (v: unknown) => { success: boolean; data?: unknown; error?: { issues: unknown[] } } }, input: unknown) => {
  const standard = schema['~standard'].validate(input)
  const safe = schema.safeParse(input)
  return { standard, safe: safe.success ? { data: safe.data } : { issues: safe.error!.issues } }
}

describe('zod-lite answers like zod', () => {
  for (const [name, build] of Object.entries(schemas)) {
    it(name, () => {
      const real = build(zod.z)
      const small = build(lite.z as unknown as Z)
      for (const input of inputs) expect(outcome(small as never, input), JSON.stringify(input) ?? String(input)).toStrictEqual(outcome(real as never, input))
    })
  }

  it('.parse throws a ZodError with the same issues and message, and returns the same output', () => {
    const build = schemas['object of email and min length (registerNewUser)']!
    const thrown = (fn: () => unknown) => {
      try {
        fn()
      } catch (error) {
        return error as Error & { issues: unknown[] }
      }
      throw new Error('expected a throw')
    }
    const [real, small] = [thrown(() => build(zod.z).parse({ email: 'x' })), thrown(() => build(lite.z as unknown as Z).parse({ email: 'x' }))]
    expect(small).toBeInstanceOf(Error)
    expect(small).toBeInstanceOf(lite.ZodError)
    expect({ name: small.name, message: small.message, issues: small.issues }).toStrictEqual({ name: real.name, message: real.message, issues: real.issues })
    expect(build(lite.z as unknown as Z).parse({ email: 'a@b.co', name: 'A', extra: 1 })).toStrictEqual({ email: 'a@b.co', name: 'A' })
  })

  it('async parsing and the schema helpers behave the same', async () => {
    const build = (z: Z) => z.object({ a: z.string() }).describe('thing')
    const [real, small] = [build(zod.z), build(lite.z as unknown as Z)]
    const failed = async (schema: typeof real) => (await schema.safeParseAsync({ a: 1 })).error?.issues
    expect(await failed(small)).toStrictEqual(await failed(real))
    expect(await small.parseAsync({ a: 'x', b: 2 })).toStrictEqual(await real.parseAsync({ a: 'x', b: 2 }))
    expect(small.description).toBe(real.description)
    expect(small.isOptional()).toBe(real.isOptional())
    expect(small.optional().isOptional()).toBe(real.optional().isOptional())
    expect(Object.keys(small.shape)).toStrictEqual(Object.keys(real.shape))
  })

  it('the default export, `z` and the named exports are the same objects, as in zod', () => {
    expect(lite.default).toBe(lite.z)
    expect(lite.z.object).toBe(lite.object)
    expect(lite.z.null).toBe(lite.null)
  })
})
