import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { sourceFile } from '../package-files.ts'
import { ModuleScopes, resolveRelative } from './module-scope.ts'
import { mentionsSchemaMethods, schemaSlots, unreadImports } from './slots.ts'
import { loadZod, standaloneParser, type ZodInstall } from './standalone.ts'

/** The generated modules beside a compiled source file, by namespace; each one's path is the source file's. */
export const VALIDATORS_NAMESPACE = 'purista-validators'
export const ZOD_FALLBACK_NAMESPACE = 'purista-zod-fallback'

const COMPILED_SCHEMA = sourceFile('runtime/core/compiled-schema.ts')

/** One source file with its schema arguments compiled: its new text and the two modules it imports. */
interface CompiledFile {
  contents: string
  validators: string
  fallback: string
}

/**
 * Compiles the schemas of builder chains into the bundle (targets.lambda.compiledValidators): each
 * schema argument that is a plain schema expression (module-scope.ts: zod and literal data, inline
 * or through constants, a PURISTA project's schema.ts included) is evaluated with the project's zod
 * at build time, and zod's own fast path for it (standalone.ts) takes its place in the module. The
 * schema as the user wrote it is made again in a module loaded only when a value fails the fast
 * path, for zod's issues (runtime/core/compiled-schema.ts). An import the module no longer reads
 * (zod, a schema.ts) is dropped, so a function that reaches no other use of zod carries none until
 * an invalid input comes. canInvoke's schemas become `undefined`: they type the call, nothing reads
 * them. One instance per build; each file is compiled once, for every pass.
 */
export class SchemaCompiler {
  readonly #files = new Map<string, CompiledFile | undefined>()
  readonly #scopes: ModuleScopes
  /** Schemas compiled so far, over every pass. */
  compiled = 0
  /** Plain schemas left to zod, with why: the build report can say it. */
  readonly refused: { file: string; line: number; reason: string }[] = []

  private constructor(readonly zod: ZodInstall) {
    this.#scopes = new ModuleScopes(zod.z)
  }

  /** A compiler over the project's zod, or undefined when the project's zod has no compiler (before 4.6). */
  static async forProject(projectRoot: string): Promise<SchemaCompiler | undefined> {
    // No zod, or one without zod 4's modules (zod 3): the build validates with zod as it is.
    try {
      const zod = await loadZod(dirname(createRequire(join(projectRoot, 'package.json')).resolve('zod/package.json')))
      return zod && new SchemaCompiler(zod)
    } catch {
      return undefined
    }
  }

  /** The file's text with its schemas compiled, or undefined when none is. */
  contents(file: string): string | undefined {
    return this.#compiled(file)?.contents
  }

  /** A generated module's code, by namespace and the source file's path. */
  module(namespace: string, file: string): string | undefined {
    const compiled = this.#compiled(file)
    return namespace === VALIDATORS_NAMESPACE ? compiled?.validators : namespace === ZOD_FALLBACK_NAMESPACE ? compiled?.fallback : undefined
  }

  #compiled(file: string): CompiledFile | undefined {
    if (!this.#files.has(file)) this.#files.set(file, this.#compile(file))
    return this.#files.get(file)
  }

  #compile(file: string): CompiledFile | undefined {
    // Every user module the bundle loads comes here: most hold no builder chain, and are not parsed.
    if (!mentionsSchemaMethods(readFileSync(file, 'utf8'))) return undefined
    const scope = this.#scopes.scope(file)
    const slots = scope ? schemaSlots(scope.program) : []
    if (!scope || !slots.length) return undefined
    const edits: { start: number; end: number; replacement: string }[] = []
    const validators: string[] = []
    const fallbacks: string[] = []
    // What the fallback declares for its schemas to read, by name; each helper once, by the name every fast path calls it by.
    const declarations = new Map<string, string>()
    const helpers = new Map<string, string>()
    for (const slot of slots) {
      const evaluated = this.#scopes.evaluate(scope, slot.node)
      // Not plain, or no schema (an event name, canInvoke's service): it stays.
      if (!evaluated || !isZodSchema(evaluated.value)) continue
      if (slot.typeOnly) {
        edits.push({ ...slot, replacement: 'undefined' })
        continue
      }
      const name = `s${validators.length}`
      const parser = standaloneParser(this.zod, evaluated.value, `${name}_parse`)
      if ('refused' in parser) {
        this.refused.push({ file, line: scope.text.slice(0, slot.start).split('\n').length, reason: parser.refused })
        continue
      }
      for (const helper of parser.helpers) helpers.set(helper.as, helper.source !== undefined ? `const ${helper.as} = ${helper.source};` : `import { ${helper.name} as ${helper.as} } from ${JSON.stringify(helper.file)};`)
      validators.push(`${parser.code}\nexport const ${name} = compiledSchema(${name}_parse, () => fallback().then((m) => m.__purista_${name}));`)
      this.#scopes.declarationsFor(scope, evaluated.reads, declarations)
      fallbacks.push(`export const __purista_${name} = ${evaluated.js};`)
      this.compiled++
      edits.push({ ...slot, replacement: `__purista_schemas.${name}` })
    }
    if (!edits.length) return undefined
    let contents = replace(scope.text, edits)
    contents = replace(contents, unreadImports(file, contents, (source) => this.#dropsWhenUnread(source, file)).map((range) => ({ ...range, replacement: '' })))
    // At the end: an import is hoisted wherever it stands, and no line above moves.
    if (validators.length) contents += `\nimport * as __purista_schemas from ${JSON.stringify(`${VALIDATORS_NAMESPACE}:${file}`)};\n`
    return {
      contents,
      validators: [
        `import { compiledSchema, INVALID } from ${JSON.stringify(COMPILED_SCHEMA)};`,
        ...helpers.values(),
        `const fallback = () => import(${JSON.stringify(`${ZOD_FALLBACK_NAMESPACE}:${file}`)});`,
        ...validators,
      ].join('\n'),
      fallback: [...declarations.values(), ...fallbacks].join('\n'),
    }
  }

  /** An import the module no longer reads is dropped where not loading it changes nothing but what zod builds: zod, or a module that only declares schemas and data. */
  #dropsWhenUnread(source: string, file: string): boolean {
    if (source === 'zod') return true
    const target = resolveRelative(source, file)
    return target !== undefined && this.#scopes.declaresOnly(target)
  }
}

/** A zod (4) schema: it carries zod's internals. */
const isZodSchema = (value: unknown) => typeof value === 'object' && value !== null && '_zod' in value

/** The text with each range replaced, from the end so earlier offsets hold; a replacement keeps the lines it replaces, for stack traces. */
function replace(text: string, edits: { start: number; end: number; replacement: string }[]): string {
  let result = text
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    const lines = text.slice(edit.start, edit.end).split('\n').length - 1
    result = result.slice(0, edit.start) + edit.replacement + '\n'.repeat(lines) + result.slice(edit.end)
  }
  return result
}
