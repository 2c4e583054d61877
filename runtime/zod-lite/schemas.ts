import * as core from 'zod/v4/core'
import en from 'zod/v4/locales/en.js'
import { constantCatch, installLazyProp, mergeDefs, normalizeParams, shallowClone } from './util.ts'

/*
 * What `zod` resolves to inside a Lambda function whose code uses only this part of zod's classic
 * API (the build checks that statically, compiler/zod-lite/zod-use.ts; any other function keeps
 * zod itself). zod's classic build is ~440 KB because every schema class carries every method and
 * the `z` namespace holds every locale; validation itself is zod's core, which is small and
 * tree-shakes. So this is the classic API's shape over the very same core: the same checks, the
 * same English messages, the same issues and output values. Each class below mirrors its
 * counterpart in zod/v4/classic/schemas.js, minus the JSON Schema processors (a function never
 * writes JSON Schema: openapi.json is generated at build time, with real zod).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Schema = any
type Params = Parameters<typeof core._string>[1]
/** A zod class: core's `$constructor` types `init` as an assertion, which cannot be called through a plain reference. */
interface Ctor {
  new (def: Schema): Schema
  init(inst: Schema, def: Schema): void
}
const $ = (c: unknown) => c as Ctor

// zod classic sets both defaults on first construction (schemas.js, _ensureDefaultLocale/_ensureDefaultMemoizer).
function ensureDefaults(): void {
  if (!core.globalConfig.localeError) core.config(en())
  if (!core.globalConfig.memoizer) core.config({ memoizer: core.memoizer() })
}

const initializer = (inst: Schema, issues: core.$ZodIssue[]) => {
  $(core.$ZodError).init(inst, issues)
  inst.name = 'ZodError'
  // Not enumerable, as in zod: an error is compared and logged by its issues.
  Object.defineProperties(inst, {
    format: { value: (mapper?: never) => core.formatError(inst, mapper), configurable: true, writable: true },
    flatten: { value: (mapper?: never) => core.flattenError(inst, mapper), configurable: true, writable: true },
  })
}
/** What `.parse` throws: zod classic's ZodError, an Error named ZodError with the issues. */
export const ZodError: Ctor = /* @__PURE__ */ $(core.$constructor('ZodError', initializer, undefined, { Parent: Error }))
const parse = core._parse(ZodError as never)
const parseAsync = core._parseAsync(ZodError as never)
const safeParse = core._safeParse(ZodError as never)
const safeParseAsync = core._safeParseAsync(ZodError as never)

const ZodType: Ctor = /* @__PURE__ */ $(core.$constructor(
  'ZodType',
  (inst: Schema, def: Schema) => {
    ensureDefaults()
    $(core.$ZodType).init(inst, def)
    inst.def = def
    inst.type = def.type
    return inst
  },
  {
    check(this: Schema, ...checks: Schema[]) {
      const def = this.def
      return this.clone(mergeDefs(def, { checks: [...(def.checks ?? []), ...checks.map((ch) => (typeof ch === 'function' ? { _zod: { check: ch, def: { check: 'custom' }, onattach: [] } } : ch))] }), { parent: true })
    },
    with(this: Schema, ...checks: Schema[]) {
      return this.check(...checks)
    },
    clone(this: Schema, def?: Schema, params?: Schema) {
      return core.clone(this, def, params)
    },
    brand(this: Schema) {
      return this
    },
    register(this: Schema, registry: Schema, meta: Schema) {
      registry.add(this, meta)
      return this
    },
    optional(this: Schema) {
      return optional(this)
    },
    nullable(this: Schema) {
      return nullable(this)
    },
    nullish(this: Schema) {
      return optional(nullable(this))
    },
    array(this: Schema) {
      return array(this)
    },
    or(this: Schema, other: Schema) {
      return union([this, other])
    },
    default(this: Schema, value: unknown) {
      return _default(this, value)
    },
    catch(this: Schema, value: unknown) {
      return _catch(this, value)
    },
    describe(this: Schema, description: string) {
      const copy = this.clone()
      core.globalRegistry.add(copy, { description })
      return copy
    },
    meta(this: Schema, ...args: Schema[]) {
      if (args.length === 0) return core.globalRegistry.get(this)
      const copy = this.clone()
      core.globalRegistry.add(copy, args[0])
      return copy
    },
    get description(): string | undefined {
      return core.globalRegistry.get(this as Schema)?.description
    },
    isOptional(this: Schema) {
      return this.safeParse(undefined).success
    },
    isNullable(this: Schema) {
      return this.safeParse(null).success
    },
    apply(this: Schema, fn: (schema: Schema, ...args: unknown[]) => unknown, ...args: unknown[]) {
      return args.length === 0 ? fn(this) : fn(this, ...args)
    },
    parse: function _parse(this: Schema, data: unknown, params?: Schema) {
      return parse(this, data, params, { callee: _parse })
    },
    parseAsync: async function _parseAsync(this: Schema, data: unknown, params?: Schema) {
      return await parseAsync(this, data, params, { callee: _parseAsync })
    },
    safeParse(this: Schema, data: unknown, params?: Schema) {
      return safeParse(this, data, params)
    },
    async safeParseAsync(this: Schema, data: unknown, params?: Schema) {
      return safeParseAsync(this, data, params)
    },
    get spa() {
      return (this as Schema)?.safeParseAsync
    },
    get _def() {
      return (this as Schema)._zod.def
    },
  },
))

/** What every string schema has, the formats' too (zod's _ZodString). */
const _ZodString: Ctor = /* @__PURE__ */ $(core.$constructor(
  '_ZodString',
  (inst: Schema, def: Schema) => {
    $(core.$ZodString).init(inst, def)
    ZodType.init(inst, def)
  },
  {
    regex(this: Schema, ...args: Parameters<typeof core._regex>) {
      return this.check(core._regex(...args))
    },
    includes(this: Schema, ...args: Parameters<typeof core._includes>) {
      return this.check(core._includes(...args))
    },
    startsWith(this: Schema, ...args: Parameters<typeof core._startsWith>) {
      return this.check(core._startsWith(...args))
    },
    endsWith(this: Schema, ...args: Parameters<typeof core._endsWith>) {
      return this.check(core._endsWith(...args))
    },
    min(this: Schema, ...args: Parameters<typeof core._minLength>) {
      return this.check(core._minLength(...args))
    },
    max(this: Schema, ...args: Parameters<typeof core._maxLength>) {
      return this.check(core._maxLength(...args))
    },
    length(this: Schema, ...args: Parameters<typeof core._length>) {
      return this.check(core._length(...args))
    },
    nonempty(this: Schema, params?: Schema) {
      return this.check(core._minLength(1, params))
    },
    lowercase(this: Schema, params?: Schema) {
      return this.check(core._lowercase(params))
    },
    uppercase(this: Schema, params?: Schema) {
      return this.check(core._uppercase(params))
    },
    trim(this: Schema) {
      return this.check(core._trim())
    },
    toLowerCase(this: Schema) {
      return this.check(core._toLowerCase())
    },
    toUpperCase(this: Schema) {
      return this.check(core._toUpperCase())
    },
  },
))

/** `z.string()`: the formats are checks of a plain string schema, not methods of a format's. */
const ZodString: Ctor = /* @__PURE__ */ $(core.$constructor(
  'ZodString',
  (inst: Schema, def: Schema) => {
    $(core.$ZodString).init(inst, def)
    _ZodString.init(inst, def)
  },
  {
    email(this: Schema, params?: Schema) {
      return this.check(core._email(ZodEmail as never, params))
    },
    uuid(this: Schema, params?: Schema) {
      return this.check(core._uuid(ZodUUID as never, params))
    },
    url(this: Schema, params?: Schema) {
      return this.check(core._url(ZodURL as never, params))
    },
  },
))

const stringFormat = (name: string, format: unknown): Ctor =>
  $(core.$constructor(name, (inst: Schema, def: Schema) => {
    $(format).init(inst, def)
    $(core.$ZodStringFormat).init(inst, def)
    _ZodString.init(inst, def)
  }))
const ZodEmail = /* @__PURE__ */ stringFormat('ZodEmail', core.$ZodEmail)
const ZodUUID = /* @__PURE__ */ stringFormat('ZodUUID', core.$ZodUUID)
const ZodURL = /* @__PURE__ */ stringFormat('ZodURL', core.$ZodURL)

const ZodNumber: Ctor = /* @__PURE__ */ $(core.$constructor(
  'ZodNumber',
  (inst: Schema, def: Schema) => {
    $(core.$ZodNumber).init(inst, def)
    ZodType.init(inst, def)
    inst.isFinite = true
  },
  {
    gt(this: Schema, value: number, params?: Schema) {
      return this.check(core._gt(value, params))
    },
    gte(this: Schema, value: number, params?: Schema) {
      return this.check(core._gte(value, params))
    },
    min(this: Schema, value: number, params?: Schema) {
      return this.check(core._gte(value, params))
    },
    lt(this: Schema, value: number, params?: Schema) {
      return this.check(core._lt(value, params))
    },
    lte(this: Schema, value: number, params?: Schema) {
      return this.check(core._lte(value, params))
    },
    max(this: Schema, value: number, params?: Schema) {
      return this.check(core._lte(value, params))
    },
    int(this: Schema, params?: Schema) {
      return this.check(int(params))
    },
    positive(this: Schema, params?: Schema) {
      return this.check(core._gt(0, params))
    },
    nonnegative(this: Schema, params?: Schema) {
      return this.check(core._gte(0, params))
    },
    negative(this: Schema, params?: Schema) {
      return this.check(core._lt(0, params))
    },
    nonpositive(this: Schema, params?: Schema) {
      return this.check(core._lte(0, params))
    },
    multipleOf(this: Schema, value: number, params?: Schema) {
      return this.check(core._multipleOf(value, params))
    },
  },
))
const ZodNumberFormat: Ctor = /* @__PURE__ */ $(core.$constructor('ZodNumberFormat', (inst: Schema, def: Schema) => {
  $(core.$ZodNumberFormat).init(inst, def)
  ZodNumber.init(inst, def)
}))

const ZodArray: Ctor = /* @__PURE__ */ $(core.$constructor(
  'ZodArray',
  (inst: Schema, def: Schema) => {
    ensureDefaults()
    $(core.$ZodArray).init(inst, def)
    ZodType.init(inst, def)
    inst.element = def.element
  },
  {
    min(this: Schema, n: number, params?: Schema) {
      return this.check(core._minLength(n, params))
    },
    nonempty(this: Schema, params?: Schema) {
      return this.check(core._minLength(1, params))
    },
    max(this: Schema, n: number, params?: Schema) {
      return this.check(core._maxLength(n, params))
    },
    length(this: Schema, n: number, params?: Schema) {
      return this.check(core._length(n, params))
    },
    unwrap(this: Schema) {
      return this.element
    },
  },
))

const ZodObject: Ctor = /* @__PURE__ */ $(core.$constructor(
  'ZodObject',
  (inst: Schema, def: Schema) => {
    ensureDefaults()
    $(core.$ZodObjectJIT).init(inst, def)
    ZodType.init(inst, def)
    installLazyProp(inst, 'shape', (self: Schema) => self._zod.def.shape, false)
  },
  {
    passthrough(this: Schema) {
      return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }))
    },
    loose(this: Schema) {
      return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }))
    },
    strict(this: Schema) {
      return this.clone(mergeDefs(this._zod.def, { catchall: never() }))
    },
    strip(this: Schema) {
      return this.clone(mergeDefs(this._zod.def, { catchall: undefined }))
    },
  },
))

/** Classes with nothing of their own beyond zod core's and the common methods. */
const plain = (name: string, coreClass: unknown, extra?: (inst: Schema, def: Schema) => void): Ctor =>
  $(core.$constructor(name, (inst: Schema, def: Schema) => {
    $(coreClass).init(inst, def)
    ZodType.init(inst, def)
    extra?.(inst, def)
  }))
const unwrapping = (inst: Schema) => (inst.unwrap = () => inst._zod.def.innerType)
const ZodBoolean = /* @__PURE__ */ plain('ZodBoolean', core.$ZodBoolean)
const ZodNull = /* @__PURE__ */ plain('ZodNull', core.$ZodNull)
const ZodUndefined = /* @__PURE__ */ plain('ZodUndefined', core.$ZodUndefined)
const ZodUnknown = /* @__PURE__ */ plain('ZodUnknown', core.$ZodUnknown)
const ZodAny = /* @__PURE__ */ plain('ZodAny', core.$ZodAny)
const ZodNever = /* @__PURE__ */ plain('ZodNever', core.$ZodNever)
const ZodUnion = /* @__PURE__ */ plain('ZodUnion', core.$ZodUnion, (inst, def) => (inst.options = def.options))
const ZodOptional = /* @__PURE__ */ plain('ZodOptional', core.$ZodOptional, unwrapping)
const ZodNullable = /* @__PURE__ */ plain('ZodNullable', core.$ZodNullable, unwrapping)
const ZodDefault = /* @__PURE__ */ plain('ZodDefault', core.$ZodDefault, (inst) => (unwrapping(inst), (inst.removeDefault = inst.unwrap)))
const ZodCatch = /* @__PURE__ */ plain('ZodCatch', core.$ZodCatch, (inst) => (unwrapping(inst), (inst.removeCatch = inst.unwrap)))
const ZodLiteral = /* @__PURE__ */ plain('ZodLiteral', core.$ZodLiteral, (inst, def) => {
  inst.values = new Set(def.values)
  Object.defineProperty(inst, 'value', {
    get() {
      if (def.values.length > 1) throw new Error('This schema contains multiple valid literal values. Use `.values` instead.')
      return def.values[0]
    },
  })
})
const ZodEnum = /* @__PURE__ */ plain('ZodEnum', core.$ZodEnum, (inst, def) => {
  inst.enum = def.entries
  inst.options = [...inst._zod.values]
})

export const string = (params?: Params): Schema => core._string(ZodString as never, params)
export const email = (params?: Schema): Schema => core._email(ZodEmail as never, params)
export const uuid = (params?: Schema): Schema => core._uuid(ZodUUID as never, params)
export const url = (params?: Schema): Schema => core._url(ZodURL as never, params)
export const number = (params?: Schema): Schema => core._number(ZodNumber as never, params)
export const int = (params?: Schema): Schema => core._int(ZodNumberFormat as never, params)
export const boolean = (params?: Schema): Schema => core._boolean(ZodBoolean as never, params)
const _null = (params?: Schema): Schema => core._null(ZodNull as never, params)
const _undefined = (params?: Schema): Schema => core._undefined(ZodUndefined as never, params)
export const unknown = (): Schema => core._unknown(ZodUnknown as never)
export const any = (): Schema => core._any(ZodAny as never)
export const never = (params?: Schema): Schema => core._never(ZodNever as never, params)
export const array = (element: Schema, params?: Schema): Schema => core._array(ZodArray as never, element, params)
export const object = (shape?: Schema, params?: Schema): Schema => new ZodObject({ type: 'object', shape: shape ?? {}, ...normalizeParams(params) })
export const union = (options: Schema[], params?: Schema): Schema => new ZodUnion({ type: 'union', options, ...normalizeParams(params) })
export const optional = (innerType: Schema): Schema => new ZodOptional({ type: 'optional', innerType })
export const nullable = (innerType: Schema): Schema => new ZodNullable({ type: 'nullable', innerType })
export const nullish = (innerType: Schema): Schema => optional(nullable(innerType))
export const literal = (value: unknown, params?: Schema): Schema => new ZodLiteral({ type: 'literal', values: Array.isArray(value) ? value : [value], ...normalizeParams(params) })
const _enum = (values: Schema, params?: Schema): Schema =>
  new ZodEnum({ type: 'enum', entries: Array.isArray(values) ? Object.fromEntries(values.map((v: string) => [v, v])) : values, ...normalizeParams(params) })
export const _default = (innerType: Schema, defaultValue: unknown): Schema =>
  new ZodDefault({
    type: 'default',
    innerType,
    get defaultValue() {
      return typeof defaultValue === 'function' ? defaultValue() : shallowClone(defaultValue)
    },
  })
const _catch = (innerType: Schema, catchValue: unknown): Schema =>
  new ZodCatch({ type: 'catch', innerType, catchValue: typeof catchValue === 'function' ? catchValue : constantCatch(catchValue) })

export { _null as null, _undefined as undefined, _enum as enum, _catch as catch }
