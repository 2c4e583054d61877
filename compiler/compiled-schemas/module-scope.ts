import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { transformSync } from 'esbuild'
import { parseSync } from 'oxc-parser'
import { extendApi } from '../../runtime/core/extend-api.ts'
import { readsName, walk } from '../zod-lite/zod-use.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any

/** What a schema expression may be made of: calls and member reads on zod, and literal data. */
const PLAIN_NODES = new Set([
  'CallExpression', 'MemberExpression', 'Identifier', 'Literal', 'ArrayExpression', 'ObjectExpression', 'Property', 'UnaryExpression',
  'ParenthesizedExpression', 'TemplateLiteral', 'TemplateElement', 'ChainExpression',
])
/** Globals a schema expression may name. */
const PLAIN_GLOBALS = new Set(['undefined', 'NaN', 'Infinity'])
const PURISTA = new Set(['purista', '@purista/core'])

/** What a module-level name of a module is bound to, as far as schemas go. */
type Binding =
  | { kind: 'zod' }
  | { kind: 'extendApi' }
  | { kind: 'const'; init: Node }
  | { kind: 'import'; source: string; imported: string }
  | { kind: 'other' }

/** One module as the schema compiler reads it: its text, its names, and whether it only declares schemas and data. */
export interface ModuleScope {
  file: string
  text: string
  program: Node
  bindings: Map<string, Binding>
}

/** A schema expression made with the project's zod at build time, and the names it read (for its fallback module). */
export interface Evaluated {
  value: unknown
  js: string
  reads: string[]
}

/**
 * The modules of a project as far as the schemas of its builder chains go. A schema expression is
 * evaluated at build time when it is plain: zod calls and literal data, naming only zod, purista's
 * extendApi (which only attaches OpenAPI metadata), and module-level constants that are plain
 * themselves, in the same module or imported from another by a relative path (a PURISTA project's
 * `schema.ts`). Nothing else of the user's code runs: anything else (a function, a call on another
 * value, a name from a package) makes the expression not plain, and it stays as it is.
 */
export class ModuleScopes {
  readonly #scopes = new Map<string, ModuleScope | undefined>()
  readonly #consts = new Map<string, Evaluated | undefined>()
  readonly #evaluating = new Set<string>()

  constructor(readonly z: unknown) {}

  /** The module at an absolute path, parsed once; undefined when it does not parse. */
  scope(file: string): ModuleScope | undefined {
    if (!this.#scopes.has(file)) this.#scopes.set(file, readScope(file))
    return this.#scopes.get(file)
  }

  /** The value of a plain expression of a module, or undefined when it is not plain. */
  evaluate(scope: ModuleScope, node: Node): Evaluated | undefined {
    const reads = plainReads(node)
    if (!reads) return undefined
    const values: unknown[] = []
    for (const name of reads) {
      const value = this.#valueOf(scope, name)
      if (!value) return undefined
      values.push(value.value)
    }
    const js = transformSync(`(${scope.text.slice(node.start, node.end)})`, { loader: 'ts', minifyWhitespace: true }).code.trim().replace(/;$/, '')
    try {
      return { value: new Function(...reads, `return ${js}`)(...values), js, reads }
    } catch {
      return undefined
    }
  }

  /**
   * The statements a module of its own needs to make again what the names read by an expression of
   * `scope` are bound to: imports of zod, extendApi and other modules' constants (by absolute path),
   * and this module's own constants, after what they read in turn. Keyed by name, in order.
   */
  declarationsFor(scope: ModuleScope, reads: string[], lines = new Map<string, string>()): Map<string, string> {
    for (const name of reads) {
      const binding = scope.bindings.get(name)
      if (!binding || lines.has(name)) continue
      if (binding.kind === 'zod') lines.set(name, `import { z as ${name} } from 'zod';`)
      else if (binding.kind === 'extendApi') lines.set(name, `import { extendApi as ${name} } from 'purista';`)
      else if (binding.kind === 'import') lines.set(name, `import { ${binding.imported} as ${name} } from ${JSON.stringify(resolveRelative(binding.source, scope.file))};`)
      else if (binding.kind === 'const') {
        const value = this.#constValue(scope, name, binding.init)!
        this.declarationsFor(scope, value.reads, lines)
        lines.set(name, `const ${name} = ${value.js};`)
      }
    }
    return lines
  }

  /** Whether running a module does nothing but declare schemas, data and types: not loading it changes nothing else. */
  declaresOnly(file: string, seen = new Set<string>()): boolean {
    const scope = this.scope(file)
    if (!scope || seen.has(file)) return scope !== undefined
    seen.add(file)
    return (scope.program.body as Node[]).every((statement) => {
      if (statement.type === 'ImportDeclaration') {
        const source = statement.source.value as string
        if (statement.importKind === 'type' || source === 'zod' || PURISTA.has(source)) return true
        const target = resolveRelative(source, file)
        return target !== undefined && this.declaresOnly(target, seen)
      }
      const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement
      if (statement.type === 'ExportNamedDeclaration' && !statement.declaration) return !statement.source
      if (declaration?.type === 'TSTypeAliasDeclaration' || declaration?.type === 'TSInterfaceDeclaration') return true
      return declaration?.type === 'VariableDeclaration' && declaration.kind === 'const' && declaration.declarations.every((d: Node) => d.id.type === 'Identifier' && d.init && readsOnlySchemaNames(scope, d.init))
    })
  }

  /** A module-level name's value in a scope; undefined when it is no plain one. */
  #valueOf(scope: ModuleScope, name: string): { value: unknown } | undefined {
    const binding = scope.bindings.get(name)
    if (!binding) return PLAIN_GLOBALS.has(name) ? { value: globalThis[name as keyof typeof globalThis] } : undefined
    if (binding.kind === 'zod') return { value: this.z }
    if (binding.kind === 'extendApi') return { value: extendApi }
    if (binding.kind === 'const') return this.#constValue(scope, name, binding.init)
    if (binding.kind === 'import') {
      const target = resolveRelative(binding.source, scope.file)
      const targetScope = target ? this.scope(target) : undefined
      const exported = targetScope?.bindings.get(binding.imported)
      return targetScope && exported?.kind === 'const' && isExported(targetScope, binding.imported) ? this.#constValue(targetScope, binding.imported, exported.init) : undefined
    }
    return undefined
  }

  #constValue(scope: ModuleScope, name: string, init: Node): Evaluated | undefined {
    const key = `${scope.file}#${name}`
    if (this.#consts.has(key)) return this.#consts.get(key)
    // A constant defined through itself is not plain.
    if (this.#evaluating.has(key)) return undefined
    this.#evaluating.add(key)
    const value = this.evaluate(scope, init)
    this.#evaluating.delete(key)
    this.#consts.set(key, value)
    return value
  }
}

/** The names a plain expression reads, or undefined when it is not plain (a function, a `new`, a computed key …). */
function plainReads(node: Node): string[] | undefined {
  let plain = true
  const reads = new Set<string>()
  walk(node, undefined, (child, parent) => {
    if (!PLAIN_NODES.has(child.type) || (child.type === 'Property' && (child.computed || child.kind !== 'init' || child.method))) plain = false
    else if (child.type === 'MemberExpression' && child.computed && child.property.type !== 'Literal') plain = false
    else if (child.type === 'Identifier' && readsName(child, parent)) reads.add(child.name)
  })
  return plain ? [...reads] : undefined
}

/** Whether a plain expression names only zod, extendApi, constants, relative imports and the plain globals: nothing else of purista or a package. */
function readsOnlySchemaNames(scope: ModuleScope, node: Node): boolean {
  const reads = plainReads(node)
  return reads !== undefined && reads.every((name) => {
    const kind = scope.bindings.get(name)?.kind
    return kind === undefined ? PLAIN_GLOBALS.has(name) : kind !== 'other'
  })
}

function readScope(file: string): ModuleScope | undefined {
  const text = readFileSync(file, 'utf8')
  const result = parseSync(file, text, { sourceType: 'module' })
  if (result.errors.length) return undefined
  const bindings = new Map<string, Binding>()
  for (const statement of result.program.body as Node[]) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement
    if (statement.type === 'ImportDeclaration') {
      if (statement.importKind === 'type') continue
      const source = statement.source.value as string
      for (const specifier of statement.specifiers) {
        if (specifier.importKind === 'type') continue
        const imported = specifier.type === 'ImportSpecifier' ? (specifier.imported.name ?? specifier.imported.value) : specifier.type === 'ImportDefaultSpecifier' ? 'default' : '*'
        bindings.set(
          specifier.local.name,
          source === 'zod' ? (imported === 'z' || imported === '*' || imported === 'default' ? { kind: 'zod' } : { kind: 'other' })
            : PURISTA.has(source) ? (imported === 'extendApi' ? { kind: 'extendApi' } : { kind: 'other' })
            : source.startsWith('.') && imported !== '*' && imported !== 'default' ? { kind: 'import', source, imported }
            : { kind: 'other' },
        )
      }
    } else if (declaration?.type === 'VariableDeclaration') {
      for (const d of declaration.declarations) if (d.id.type === 'Identifier') bindings.set(d.id.name, declaration.kind === 'const' && d.init ? { kind: 'const', init: d.init } : { kind: 'other' })
    } else if ((declaration?.type === 'FunctionDeclaration' || declaration?.type === 'ClassDeclaration') && declaration.id) {
      bindings.set(declaration.id.name, { kind: 'other' })
    }
  }
  return { file, text, program: result.program, bindings }
}

/** Whether a module exports a module-level name as itself: `export const x` or `export { x }`. */
function isExported(scope: ModuleScope, name: string): boolean {
  return (scope.program.body as Node[]).some(
    (s) =>
      s.type === 'ExportNamedDeclaration' &&
      !s.source &&
      (s.declaration?.declarations?.some((d: Node) => d.id.name === name) || s.specifiers.some((sp: Node) => (sp.local.name ?? sp.local.value) === name && (sp.exported.name ?? sp.exported.value) === name)),
  )
}

/**
 * The file a relative import names, as TypeScript and esbuild find it: the path itself, then a `.js`
 * written for a `.ts` source, then the extensions and index files. Undefined for a package's name.
 */
export function resolveRelative(specifier: string, fromFile: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const base = join(dirname(fromFile), specifier)
  const typed = base.replace(/\.(m|c)?js$/, '.$1ts')
  const candidates = [base, typed, typed.replace(/ts$/, 'tsx'), ...['.ts', '.tsx', '.js', '.mjs'].map((ext) => base + ext), ...['index.ts', 'index.js'].map((index) => join(base, index))]
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile())
}
