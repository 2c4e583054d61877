import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { helperSource } from './helper-source.ts'

/*
 * A schema's validator as standalone code, written by zod itself. zod (4.6 and later) compiles a
 * schema to a JavaScript fast path (`z.compile`, `compileFn` in zod/v4/core/compile.js): a function
 * that returns the parsed value for a valid input and a sentinel, INVALID, for any other. It builds
 * that function with `new Function(...constantNames, body)` and hands it the constants the body
 * closes over (regular expressions, sets of enum values, a few of zod's own helpers). Here the build
 * watches that one call, keeps the body as zod wrote it, and prints each constant back as code; a
 * schema whose constants cannot be printed (a user's refine callback, a default's getter, a schema
 * zod runs as an "island") is refused, and keeps zod. On INVALID the caller asks zod for the issues.
 */

/** The installed zod, as the build uses it: its classic API and the modules whose helpers a fast path may use. */
export interface ZodInstall {
  z: Record<string, unknown>
  compileFn: (schema: unknown) => unknown
  invalid: symbol
  /** Every exported function of zod's core modules that a fast path can close over, with where it is exported. */
  helpers: Map<unknown, { file: string; name: string }>
}

const HELPER_MODULES = ['v4/core/util.js', 'v4/core/schemas.js', 'v4/core/regexes.js']

/** JavaScript's own functions a fast path may close over (`Object.prototype.propertyIsEnumerable`), by value: each is written as its path. */
const BUILTINS: ReadonlyMap<unknown, string> = new Map(
  Object.entries({ Object, Array, Number, String, Math, Reflect, JSON, 'Object.prototype': Object.prototype, 'Array.prototype': Array.prototype, 'String.prototype': String.prototype }).flatMap(([path, owner]) =>
    Object.getOwnPropertyNames(owner)
      .map((key) => [Object.getOwnPropertyDescriptor(owner, key)?.value, `${path}.${key}`] as const)
      .filter(([value]) => typeof value === 'function'),
  ),
)

/** zod from its folder, or undefined when it has no compiler (before 4.6). */
export async function loadZod(dir: string): Promise<ZodInstall | undefined> {
  const load = (path: string) => import(pathToFileURL(join(dir, path)).href) as Promise<Record<string, unknown>>
  const [classic, core] = await Promise.all([load('index.js'), load('v4/core/index.js')])
  if (typeof core.compileFn !== 'function' || typeof core.INVALID !== 'symbol') return undefined
  const helpers = new Map<unknown, { file: string; name: string }>()
  for (const path of HELPER_MODULES) {
    const file = join(dir, path)
    for (const [name, value] of Object.entries(await load(path))) if (typeof value === 'function' && !helpers.has(value)) helpers.set(value, { file, name })
  }
  return { z: (classic.z ?? classic) as Record<string, unknown>, compileFn: core.compileFn as ZodInstall['compileFn'], invalid: core.INVALID, helpers }
}

/**
 * A zod helper a fast path calls, under the name `as` the code uses for it (the same for every schema):
 * with its `source` when it can be written out (helper-source.ts), else imported from `file`.
 */
export interface Helper {
  file: string
  name: string
  as: string
  source?: string
}

/** The fast path as module code, `const <name> = (input) => …`, with the zod helpers it calls; or why there is none. */
export type Standalone = { code: string; helpers: Helper[] } | { refused: string }

/** zod's fast path of `schema`, printed as code that defines `name` (`INVALID` must be in scope). */
export function standaloneParser(zod: ZodInstall, schema: unknown, name: string): Standalone {
  let call: { names: string[]; body: string; values: unknown[] } | undefined
  const RealFunction = globalThis.Function
  // compileFn reaches `Function` through the global object; only the call that makes the fast path is kept.
  globalThis.Function = function (...args: string[]) {
    const factory = RealFunction(...args) as (...values: unknown[]) => unknown
    return (...values: unknown[]) => {
      if (args[0] === 'INVALID') call = { names: args.slice(0, -1), body: args.at(-1)!, values }
      return factory(...values)
    }
  } as unknown as FunctionConstructor
  try {
    zod.compileFn(schema)
  } catch (error) {
    return { refused: `zod does not compile it (${(error as Error).message})` }
  } finally {
    globalThis.Function = RealFunction
  }
  if (!call) return { refused: 'zod did not build a fast path for it' }
  const args: string[] = []
  const helpers: Helper[] = []
  for (const [i, value] of call.values.entries()) {
    if (i === 0) {
      if (value !== zod.invalid) return { refused: 'zod passed an unexpected first constant' }
      args.push('INVALID')
      continue
    }
    const builtin = typeof value === 'function' ? BUILTINS.get(value) : undefined
    if (builtin) {
      args.push(builtin)
      continue
    }
    const helper = typeof value === 'function' ? zod.helpers.get(value) : undefined
    if (helper) {
      const as = `zod_${basename(helper.file, '.js')}_${helper.name}`
      helpers.push({ ...helper, as, source: helperSource(helper.file, helper.name) })
      args.push(as)
      continue
    }
    const printed = printValue(value)
    if (printed === undefined) return { refused: `its fast path closes over ${describe(value)}, which cannot be written out` }
    args.push(printed)
  }
  // zod's body verbatim, over its constants' names, as zod's own factory runs it: nothing in it is renamed.
  return { code: `const ${name} = (function (${call.names.join(', ')}) {\n${call.body}\n})(${args.join(', ')});`, helpers }
}

/** A constant as a JavaScript expression that makes an equal value, or undefined when there is none. */
function printValue(value: unknown): string | undefined {
  if (value === undefined) return 'undefined'
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : '-Infinity'
  if (typeof value === 'bigint') return `${value}n`
  if (value instanceof RegExp) return `new RegExp(${JSON.stringify(value.source)}, ${JSON.stringify(value.flags)})`
  if (Array.isArray(value)) return printList(value, (items) => `[${items}]`)
  if (value instanceof Set) return printList([...value], (items) => `new Set([${items}])`)
  if (value instanceof Map) return printList([...value].map(([k, v]) => [k, v]), (items) => `new Map([${items}])`)
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as object).map(([k, v]) => [JSON.stringify(k), printValue(v)] as const)
    return entries.some(([, v]) => v === undefined) ? undefined : `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}`
  }
  return undefined
}

function printList(items: unknown[], wrap: (items: string) => string): string | undefined {
  const printed = items.map(printValue)
  return printed.some((item) => item === undefined) ? undefined : wrap(printed.join(', '))
}

function describe(value: unknown): string {
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`
  // A part zod's fast path hands to zod's own parser at run time (a .default() inside, say).
  if (typeof value === 'object' && value !== null && '_zod' in value) return `a part it leaves to zod's parser (${value.constructor.name})`
  return `a ${(value as object)?.constructor?.name ?? typeof value}`
}
