import { dirname } from 'node:path'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { compiledSchema, INVALID } from '../../runtime/core/compiled-schema.ts'
import { validate, type StandardSchemaV1 } from '../../runtime/core/schema.ts'
import { HandledError, StatusCode } from '../../runtime/core/errors.ts'
import { loadZod, standaloneParser, type ZodInstall } from './standalone.ts'

let zod: ZodInstall

beforeAll(async () => {
  zod = (await loadZod(dirname(createRequire(import.meta.url).resolve('zod/package.json'))))!
})

/** The printed fast path, evaluated as the bundle would run it, behind the runtime's compiledSchema. */
async function compiled(schema: z.ZodType): Promise<StandardSchemaV1> {
  return compiledSchema(await printedParser(schema), async () => schema)
}

/** The fast path as the validators module defines it: the printed code, over its helpers' printed sources or imports. */
async function printedParser(schema: z.ZodType): Promise<(value: unknown) => unknown> {
  const parser = standaloneParser(zod, schema, 'p')
  if ('refused' in parser) throw new Error(parser.refused)
  const helpers = await Promise.all(parser.helpers.map(async (h) => (h.source !== undefined ? new Function(`return ${h.source}`)() : (await import(pathToFileURL(h.file).href))[h.name])))
  return new Function('INVALID', ...parser.helpers.map((h) => h.as), `${parser.code}\nreturn p`)(INVALID, ...helpers)
}

/** What the runtime makes of a value: the parsed output, or the 400's issue list (problem+json's `issues`). */
async function outcome(schema: StandardSchemaV1, value: unknown): Promise<unknown> {
  try {
    return { value: await validate(schema, value, 'payload', StatusCode.BadRequest) }
  } catch (error) {
    if (!(error instanceof HandledError)) throw error
    return { status: error.errorCode, message: error.message, data: error.data }
  }
}

const cases: [string, z.ZodType, unknown[]][] = [
  [
    'a nested object with formats and lengths',
    z.object({ email: z.string().email(), name: z.string().min(1).max(5), id: z.string().uuid(), address: z.object({ zip: z.string().length(5) }) }),
    [
      { email: 'a@b.co', name: 'Ann', id: '5f1c8a52-1d3e-4f6a-9b2c-3d4e5f6a7b8c', address: { zip: '12345' }, extra: 1 },
      { email: 'no', name: '', id: 'x', address: { zip: '1' } },
      { email: 'a@b.co', name: 'Ann', id: '5f1c8a52-1d3e-4f6a-9b2c-3d4e5f6a7b8c' },
      { name: '😀😀😀😀😀', email: 'a@b.co', id: '5f1c8a52-1d3e-4f6a-9b2c-3d4e5f6a7b8c', address: { zip: '12345' } },
      null,
      [],
      'text',
    ],
  ],
  [
    'optional, nullable and nullish',
    z.object({ a: z.string().optional(), b: z.number().int().nullable(), c: z.boolean().nullish() }),
    [{ b: 1 }, { a: undefined, b: null, c: undefined }, { a: 'x', b: 2.5 }, { b: undefined }, {}, { a: 1, b: 'x', c: 'y' }],
  ],
  [
    'enums and literals',
    z.object({ kind: z.enum(['user', 'admin']), version: z.literal(1), tag: z.literal(['a', 'b']) }),
    [{ kind: 'admin', version: 1, tag: 'b' }, { kind: 'root', version: 2, tag: 'c' }, { kind: 'user' }],
  ],
  [
    'unions, in order',
    z.object({ id: z.union([z.string().min(3), z.number().positive()]), either: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]) }),
    [{ id: 'abc', either: { a: 'x', b: 1 } }, { id: 5, either: { b: 2, c: 3 } }, { id: 'ab', either: {} }, { id: -1, either: { a: 1 } }],
  ],
  [
    'a discriminated union',
    z.discriminatedUnion('type', [z.object({ type: z.literal('a'), n: z.number() }), z.object({ type: z.literal('b'), s: z.string() })]),
    [{ type: 'a', n: 1 }, { type: 'b', s: 'x', n: 1 }, { type: 'c' }, { type: 'a', n: 'x' }, {}],
  ],
  [
    'arrays of objects with bounds',
    z.array(z.object({ sku: z.string(), qty: z.number().int().min(1) })).min(1).max(2),
    [[{ sku: 'a', qty: 1 }], [], [{ sku: 'a', qty: 0 }], [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }, { sku: 'c', qty: 3 }], [1, 'x'], {}],
  ],
  [
    'numbers at their edges',
    z.object({ n: z.number().gt(0).lte(10).multipleOf(0.5) }),
    [{ n: 10 }, { n: 0 }, { n: 10.5 }, { n: 0.25 }, { n: Number.NaN }, { n: Infinity }, { n: '1' }],
  ],
  [
    'strict and loose objects',
    z.object({ outer: z.strictObject({ a: z.string() }), open: z.looseObject({ a: z.string() }) }),
    [{ outer: { a: 'x' }, open: { a: 'y', b: 2 } }, { outer: { a: 'x', b: 1 }, open: { a: 'y' } }],
  ],
  [
    'records, tuples and intersections',
    z.object({ counts: z.record(z.string(), z.number().int()), pair: z.tuple([z.string(), z.number()]), both: z.intersection(z.object({ a: z.string() }), z.object({ b: z.number() })) }),
    [{ counts: { a: 1 }, pair: ['x', 1], both: { a: 'x', b: 1, c: 2 } }, { counts: { a: 1.5 }, pair: ['x'], both: { a: 'x' } }, { counts: [], pair: ['x', 1, 2], both: {} }],
  ],
  [
    'string formats zod checks with its own helpers',
    z.object({ site: z.url(), ip: z.ipv4(), ip6: z.ipv6(), at: z.iso.datetime(), token: z.base64() }),
    [{ site: 'https://example.com/a', ip: '10.0.0.1', ip6: '::1', at: '2026-12-04T03:00:00Z', token: 'aGk=' }, { site: 'nope', ip: '300.0.0.1', ip6: ':::', at: 'yesterday', token: '%%' }],
  ],
  [
    'an empty object (a parameter schema)',
    z.object({}),
    [{}, { any: 'thing' }, undefined, null, 'x'],
  ],
]

describe('zod fast paths printed at build time', () => {
  it.each(cases)('%s: the same output and the same issues as zod', async (_name, schema, inputs) => {
    const fast = await compiled(schema)
    for (const input of inputs) {
      expect(await outcome(fast, input), JSON.stringify(input)).toEqual(await outcome(schema, input))
      // A value zod accepts is answered by the fast path itself, without waiting for zod.
      if (schema.safeParse(input).success) expect(fast['~standard'].validate(input), JSON.stringify(input)).not.toBeInstanceOf(Promise)
    }
  })

  it('answers a valid value without zod and hands any other to zod', async () => {
    const schema = z.object({ name: z.string().min(1) })
    let loads = 0
    const fast = compiledSchema(await printedParser(schema), async () => (loads++, schema))
    expect(fast['~standard'].validate({ name: 'Ann', extra: 1 })).toEqual({ value: { name: 'Ann' } })
    expect(loads).toBe(0)
    const failed = await fast['~standard'].validate({ name: '' })
    expect(failed.issues?.[0]?.message).toBe('Too small: expected string to have >=1 characters')
    await fast['~standard'].validate({})
    expect(loads).toBe(1)
  })

  it('writes out a helper that takes nothing of its module with it, and imports one that does', () => {
    const lengths = standaloneParser(zod, z.string().min(2), 'p')
    const merged = standaloneParser(zod, z.intersection(z.object({ a: z.string() }), z.object({ b: z.string() })), 'p')
    if ('refused' in lengths || 'refused' in merged) throw new Error('refused')
    expect(lengths.helpers).toMatchObject([{ name: 'codePointLength', as: 'zod_util_codePointLength', source: expect.stringContaining('function codePointLength') }])
    // mergeValues reads util.isPlainObject, an import of schemas.js.
    expect(merged.helpers).toEqual([expect.objectContaining({ name: 'mergeValues', source: undefined })])
  })

  it('refuses what its fast path cannot carry as code: callbacks, defaults, transforms', () => {
    for (const schema of [z.string().refine((s) => s.length > 1), z.object({ a: z.string().default('x') }), z.string().transform((s) => s.length)]) {
      expect(standaloneParser(zod, schema, 'p')).toMatchObject({ refused: expect.stringMatching(/cannot be written out|does not compile/) })
    }
  })

  it('refuses a schema that refers to itself', () => {
    const node: z.ZodType = z.object({ get children() { return z.array(node) } })
    expect(standaloneParser(zod, node, 'p')).toMatchObject({ refused: expect.stringContaining('does not compile') })
  })
})
