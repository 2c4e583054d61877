import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Metafile } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeProject, scratchProject } from '../../e2e/helpers.ts'
import { bundle } from '../bundle/bundle.ts'
import { loadedOutputs } from '../bundle/loaded-outputs.ts'
import { SchemaCompiler } from './schema-compiler.ts'

const ORDER = `import { z } from 'zod'
import { builder } from './builder.ts'
import { Status } from './status.ts'
const Stock = { name: 'Stock' }

export const placeOrder = builder
  .getCommandBuilder('placeOrder', 'places an order')
  .addPayloadSchema(
    z.object({
      sku: z.string().min(3),
      qty: z.number().int().positive(),
    }),
  )
  .addParameterSchema(z.object({}))
  .addOutputSchema(z.object({ status: z.enum(Status) }))
  .canInvoke(Stock.name, '1', 'reserve', z.object({ ok: z.boolean() }))
  .canEmit('orderPlaced', z.object({ sku: z.string() }).refine((o) => o.sku !== 'x'))
  .setCommandFunction(async () => { throw new Error('line 17') })

// Inside a function, z is whatever the caller passes.
export const made = (z: any) => builder.getCommandBuilder('made', 'made').addPayloadSchema(z.object({}))
`
// The smallest stand-in of a builder: it keeps what it is given.
const BUILDER = `export const builder = { getCommandBuilder() { const chain: any = { schemas: {} as Record<string, unknown>, fn: undefined as unknown }
  for (const name of ['addPayloadSchema', 'addParameterSchema', 'addOutputSchema']) chain[name] = (s: unknown) => ((chain.schemas[name] = s), chain)
  chain.canInvoke = (...args: unknown[]) => ((chain.invoked = args), chain)
  chain.canEmit = (_: string, s: unknown) => ((chain.schemas.canEmit = s), chain)
  chain.setCommandFunction = (fn: unknown) => ((chain.fn = fn), chain)
  return chain } }
`

// As a PURISTA project writes it: the schemas in a schema.ts of their own, wrapped in extendApi.
const PING = `import { builder } from './builder.ts'
import { pingPayloadSchema } from './schema.js'
export const ping = builder.getCommandBuilder('ping', 'answers').addPayloadSchema(pingPayloadSchema).setCommandFunction(async () => 'pong')
`
const PING_SCHEMA = `import { extendApi } from '@purista/core'
import { z } from 'zod'
const count = z.number().int()
export const pingPayloadSchema = extendApi(z.object({ n: count }), { title: 'a ping' })
export type PingPayload = z.infer<typeof pingPayloadSchema>
`

const dir = scratchProject({ 'src/order.ts': ORDER, 'src/ping.ts': PING, 'src/schema.ts': PING_SCHEMA, 'src/builder.ts': BUILDER, 'src/status.ts': `export const Status = { Open: 'open' } as const\n` })
afterAll(() => removeProject(dir))

let compiler: SchemaCompiler
beforeAll(async () => {
  compiler = (await SchemaCompiler.forProject(dir))!
})

/** The outputs an output imports statically, transitively: what loads before its code runs. */
function staticOutputs(metafile: Metafile, output: string, seen = new Set<string>()): Set<string> {
  seen.add(output)
  for (const imported of metafile.outputs[output]!.imports) if (imported.kind !== 'dynamic-import' && !imported.external && !seen.has(imported.path)) staticOutputs(metafile, imported.path, seen)
  return seen
}

describe('SchemaCompiler', () => {
  it('compiles the plain schemas, keeps the lines, and leaves what runs callbacks or is no schema', () => {
    const file = join(dir, 'src/order.ts')
    const contents = compiler.contents(file)!
    const lines = contents.split('\n')
    expect(lines[17]).toContain(`throw new Error('line 17')`)
    expect(contents).toContain('.addPayloadSchema(\n    __purista_schemas.s0')
    expect(contents).toContain('.addParameterSchema(__purista_schemas.s1)')
    // Status is plain data in a module of its own.
    expect(contents).toContain('.addOutputSchema(__purista_schemas.s2)')
    // canInvoke's schema only types the call; its service name is no schema and stays.
    expect(contents).toContain(`.canInvoke(Stock.name, '1', 'reserve', undefined)`)
    expect(contents).toContain('.refine((o) =>')
    expect(contents).toContain(".addPayloadSchema(z.object({}))")
    expect(lines.at(-2)).toBe(`import * as __purista_schemas from "purista-validators:${file}";`)
    expect(compiler.module('purista-zod-fallback', file)).toContain(`import { Status as Status } from ${JSON.stringify(join(dir, 'src/status.ts'))}`)
    expect(compiler.refused).toEqual([])
  })

  it('drops the import of a schema.ts whose schemas it no longer reads, and makes them again in the fallback', () => {
    const file = join(dir, 'src/ping.ts')
    expect(compiler.contents(file)).not.toContain('./schema.js')
    const fallback = compiler.module('purista-zod-fallback', file)!
    expect(fallback).toContain(`import { pingPayloadSchema as pingPayloadSchema } from ${JSON.stringify(join(dir, 'src/schema.ts'))}`)
    expect(fallback).toContain('export const __purista_s0 = pingPayloadSchema;')
  })

  it('bundles modules whose schemas check valid values by the printed code and load zod for the issues of an invalid one', async () => {
    const outDir = join(dir, 'dist')
    const entries = ['order', 'ping'].map((name) => ({ out: `${name}/index`, contents: `export * from './src/${name}.ts'\n` }))
    const { metafile } = await bundle({ entries, outDir, resolveDir: dir, shareChunks: true, zodLite: true, schemas: compiler })
    const { placeOrder } = await import(pathToFileURL(join(outDir, 'order/index.mjs')).href)
    const payload = placeOrder.schemas.addPayloadSchema['~standard']
    expect(payload.vendor).toBe('zod')
    expect(payload.validate({ sku: 'abc', qty: 2, note: 'dropped' })).toEqual({ value: { sku: 'abc', qty: 2 } })
    const failed = await payload.validate({ sku: 'ab', qty: 0 })
    expect(failed.issues.map((i: { path: string[]; message: string }) => [i.path.join('.'), i.message])).toEqual([
      ['sku', 'Too small: expected string to have >=3 characters'],
      ['qty', 'Too small: expected number to be >0'],
    ])
    expect(placeOrder.schemas.addParameterSchema['~standard'].validate({ page: 1 })).toEqual({ value: {} })
    expect(placeOrder.invoked).toEqual(['Stock', '1', 'reserve', undefined])

    // ping's schema.ts is zod's only use: what ping loads up front has no zod schema code, the lazy fallback has.
    const zodSchemas = (outputs: Iterable<string>) => [...outputs].flatMap((out) => Object.keys(metafile.outputs[out]!.inputs)).filter((input) => /zod-lite\/schemas\.ts|zod\/v4\/classic\//.test(input))
    expect(zodSchemas(staticOutputs(metafile, 'dist/ping/index.mjs'))).toEqual([])
    expect(zodSchemas(loadedOutputs(metafile, 'dist/ping/index.mjs'))).not.toEqual([])
    // order's refine keeps zod in its module, so it loads zod up front.
    expect(zodSchemas(staticOutputs(metafile, 'dist/order/index.mjs'))).not.toEqual([])
    const { ping } = await import(pathToFileURL(join(outDir, 'ping/index.mjs')).href)
    expect(await ping.schemas.addPayloadSchema['~standard'].validate({ n: 'x' })).toMatchObject({ issues: [{ path: ['n'], message: 'Invalid input: expected number, received string' }] })
  })

  it('is not made for a project whose zod has no compiler, or no zod 4 at all', async () => {
    const zod3 = scratchProject({ 'node_modules/zod/package.json': '{"name":"zod","version":"3.22.4","main":"index.js"}', 'node_modules/zod/index.js': 'exports.z = {}' })
    try {
      expect(await SchemaCompiler.forProject(zod3)).toBeUndefined()
    } finally {
      removeProject(zod3)
    }
    const old = scratchProject({ 'node_modules/zod/package.json': '{"name":"zod","version":"4.0.0","type":"module"}', 'node_modules/zod/index.js': 'export const z = {}', 'node_modules/zod/v4/core/index.js': 'export const parse = () => {}' })
    try {
      expect(await SchemaCompiler.forProject(old)).toBeUndefined()
    } finally {
      removeProject(old)
    }
  })
})
