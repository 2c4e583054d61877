import { existsSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import type { Diagnostic } from '../diagnostics.ts'
import { SourceModule } from './source.ts'

/** oxc's ESTree nodes, kept loose: the analyzer only reads the few shapes builder chains use. */
export type Node = { type: string; start: number; end: number; [key: string]: any }

export interface Declaration {
  kind: 'const' | 'enum' | 'other'
  name: string
  node: Node
  init?: Node
  module: ModuleRecord
}

export interface ModuleRecord {
  source: SourceModule
  declarations: Map<string, Declaration>
  imports: Map<string, { specifier: string; imported: string; node: Node }>
  exports: Map<string, { local: string } | { specifier: string; imported: string; node: Node }>
  starExports: { specifier: string; node: Node }[]
  defaultExport?: Node
}

export type Binding =
  | { kind: 'declaration'; declaration: Declaration }
  | { kind: 'external'; specifier: string; imported: string }
  | { kind: 'namespace'; module: ModuleRecord }
  | { kind: 'unresolved'; reason: string }

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs']

/**
 * The user's modules, loaded on demand, with what each declares, imports and exports.
 * Resolution follows Node/TypeScript: `./x.js` finds `x.ts`, a folder finds its index.
 */
export class ModuleGraph {
  private readonly modules = new Map<string, ModuleRecord | null>()

  constructor(
    readonly projectRoot: string,
    private readonly diagnostics: Diagnostic[],
  ) {}

  relative(file: string): string {
    return relative(this.projectRoot, file).split('\\').join('/')
  }

  load(file: string): ModuleRecord | undefined {
    const cached = this.modules.get(file)
    if (cached !== undefined) return cached ?? undefined
    let source: SourceModule
    try {
      source = SourceModule.read(file, this.relative(file))
    } catch (error) {
      this.modules.set(file, null)
      return undefined
    }
    for (const error of source.syntaxErrors) {
      this.diagnostics.push({ severity: 'error', code: 'syntax-error', message: error.message, file: source.relative, ...source.position(error.start), hint: error.hint ?? 'fix the syntax error; purista reads the file without running it' })
    }
    const record = indexModule(source)
    this.modules.set(file, record)
    return record
  }

  /** An absolute file for a relative specifier, 'external' for a package, undefined if nothing matches. */
  resolveSpecifier(from: ModuleRecord, specifier: string): string | 'external' | undefined {
    if (!specifier.startsWith('.') && !specifier.startsWith('/')) return 'external'
    const base = resolve(dirname(from.source.file), specifier)
    const stem = base.replace(/\.(m|c)?jsx?$/, '')
    const candidates = [...EXTENSIONS.map((ext) => stem + ext), base, ...EXTENSIONS.map((ext) => join(base, 'index' + ext))]
    return candidates.find((c) => existsSync(c) && statSync(c).isFile())
  }

  resolveBinding(module: ModuleRecord, name: string): Binding {
    const declaration = module.declarations.get(name)
    if (declaration) return { kind: 'declaration', declaration }
    const imported = module.imports.get(name)
    if (!imported) return { kind: 'unresolved', reason: `"${name}" is not declared or imported in ${module.source.relative}` }
    return this.follow(module, imported.specifier, imported.imported, imported.node, new Set())
  }

  resolveExport(module: ModuleRecord, name: string, seen = new Set<string>()): Binding {
    const key = `${module.source.file}#${name}`
    if (seen.has(key)) return { kind: 'unresolved', reason: `circular re-export of "${name}"` }
    seen.add(key)
    const entry = module.exports.get(name)
    if (entry && 'local' in entry) return this.resolveBinding(module, entry.local)
    if (entry) return this.follow(module, entry.specifier, entry.imported, entry.node, seen)
    for (const star of module.starExports) {
      const file = this.resolveSpecifier(module, star.specifier)
      if (!file || file === 'external') continue
      const target = this.load(file)
      if (!target) continue
      const found = this.resolveExport(target, name, seen)
      if (found.kind !== 'unresolved') return found
    }
    return { kind: 'unresolved', reason: `${module.source.relative} does not export "${name}"` }
  }

  /** The name a module exports a local declaration under, if any. */
  exportedName(module: ModuleRecord, local: string): string | null {
    for (const [exported, entry] of module.exports) if ('local' in entry && entry.local === local) return exported
    return null
  }

  private follow(from: ModuleRecord, specifier: string, imported: string, node: Node, seen: Set<string>): Binding {
    const file = this.resolveSpecifier(from, specifier)
    if (file === 'external') return { kind: 'external', specifier, imported }
    if (!file) {
      this.diagnostics.push({
        severity: 'error',
        code: 'unresolved-import',
        message: `cannot find module "${specifier}"`,
        file: from.source.relative,
        ...from.source.position(node.start),
        hint: 'check the path; relative imports may be written with .js or .ts or without an extension',
      })
      return { kind: 'unresolved', reason: `cannot find module "${specifier}"` }
    }
    const target = this.load(file)
    if (!target) return { kind: 'unresolved', reason: `cannot read ${file}` }
    if (imported === '*') return { kind: 'namespace', module: target }
    return this.resolveExport(target, imported, seen)
  }
}

function indexModule(source: SourceModule): ModuleRecord {
  const record: ModuleRecord = { source, declarations: new Map(), imports: new Map(), exports: new Map(), starExports: [] }
  const declare = (node: Node, exported: boolean) => {
    if (node.type === 'VariableDeclaration') {
      for (const d of node.declarations as Node[]) {
        if (d.id.type !== 'Identifier') continue
        record.declarations.set(d.id.name, { kind: node.kind === 'const' ? 'const' : 'other', name: d.id.name, node: d, init: d.init ?? undefined, module: record })
        if (exported) record.exports.set(d.id.name, { local: d.id.name })
      }
    } else if (node.type === 'TSEnumDeclaration') {
      record.declarations.set(node.id.name, { kind: 'enum', name: node.id.name, node, module: record })
      if (exported) record.exports.set(node.id.name, { local: node.id.name })
    } else if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) {
      record.declarations.set(node.id.name, { kind: 'other', name: node.id.name, node, module: record })
      if (exported) record.exports.set(node.id.name, { local: node.id.name })
    }
  }
  for (const statement of source.program.body as unknown as Node[]) {
    switch (statement.type) {
      case 'ImportDeclaration':
        for (const s of statement.specifiers as Node[]) {
          const imported = s.type === 'ImportSpecifier' ? nameOf(s.imported) : s.type === 'ImportDefaultSpecifier' ? 'default' : '*'
          record.imports.set(s.local.name, { specifier: statement.source.value, imported, node: statement.source })
        }
        break
      case 'ExportNamedDeclaration':
        if (statement.declaration) declare(statement.declaration, true)
        for (const s of statement.specifiers as Node[]) {
          const exported = nameOf(s.exported)
          record.exports.set(exported, statement.source ? { specifier: statement.source.value, imported: nameOf(s.local), node: statement.source } : { local: nameOf(s.local) })
        }
        break
      case 'ExportAllDeclaration':
        if (statement.exported) record.exports.set(nameOf(statement.exported), { specifier: statement.source.value, imported: '*', node: statement.source })
        else record.starExports.push({ specifier: statement.source.value, node: statement.source })
        break
      case 'ExportDefaultDeclaration':
        record.defaultExport = statement.declaration
        if (statement.declaration.type === 'Identifier') record.exports.set('default', { local: statement.declaration.name })
        break
      default:
        declare(statement, false)
    }
  }
  return record
}

const nameOf = (node: Node): string => (node.type === 'Identifier' ? node.name : String(node.value))
