import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { transformSync } from 'esbuild'
import { sourceFile } from '../package-files.ts'
import { schemaSlots, unreadZodImports } from './slots.ts'
import { loadZod, standaloneParser, type Standalone, type ZodInstall } from './standalone.ts'

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
 * schema argument written inline with zod (slots.ts) is evaluated with the project's zod at build
 * time, and zod's own fast path for it (standalone.ts) takes its place in the module. The schema as
 * the user wrote it moves to a module loaded only when a value fails the fast path, for zod's issues
 * (runtime/core/compiled-schema.ts). A module left with no other use of zod then no longer imports
 * it, and a function that reaches no other such module carries no zod until an invalid input comes.
 * canInvoke's schemas are replaced with `undefined`: they type the call and nothing reads them.
 * One instance per build; each file is compiled once, for every pass.
 */
export class SchemaCompiler {
  readonly #files = new Map<string, CompiledFile | undefined>()
  /** Schemas compiled so far, over every pass. */
  compiled = 0
  /** Inline schemas left to zod, with why: the build report can say it. */
  readonly refused: { file: string; line: number; reason: string }[] = []

  private constructor(readonly zod: ZodInstall) {}

  /** A compiler over the project's zod, or undefined when the project's zod has no compiler (zod < 4.6). */
  static async forProject(projectRoot: string): Promise<SchemaCompiler | undefined> {
    let dir: string
    try {
      dir = dirname(createRequire(join(projectRoot, 'package.json')).resolve('zod/package.json'))
    } catch {
      return undefined
    }
    const zod = await loadZod(dir)
    return zod && new SchemaCompiler(zod)
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
    if (!this.#files.has(file)) this.#files.set(file, this.#compile(file, readFileSync(file, 'utf8')))
    return this.#files.get(file)
  }

  /** zod's fast path for an inline expression, made with the project's zod; an expression that throws is refused. */
  #parserOf(js: string, zodNames: string[], name: string): Standalone {
    let schema: unknown
    try {
      schema = new Function(...zodNames, `return ${js}`)(...zodNames.map(() => this.zod.z))
    } catch (error) {
      return { refused: `it throws when made (${(error as Error).message})` }
    }
    return standaloneParser(this.zod, schema, name)
  }

  #compile(file: string, text: string): CompiledFile | undefined {
    const { slots, zodNames } = schemaSlots(file, text)
    if (!slots.length) return undefined
    const edits: { start: number; end: number; replacement: string }[] = []
    const validators: string[] = []
    const fallbacks: string[] = []
    // Each helper once per module, by the name every fast path calls it by.
    const helpers = new Map<string, string>()
    for (const slot of slots) {
      if (slot.typeOnly) {
        edits.push({ ...slot, replacement: 'undefined' })
        continue
      }
      const name = `s${validators.length}`
      const js = transformSync(`(${slot.text})`, { loader: 'ts', minifyWhitespace: true }).code.trim().replace(/;$/, '')
      const parser = this.#parserOf(js, zodNames, `${name}_parse`)
      if ('refused' in parser) {
        this.refused.push({ file, line: text.slice(0, slot.start).split('\n').length, reason: parser.refused })
        continue
      }
      for (const helper of parser.helpers) helpers.set(helper.as, helper.source !== undefined ? `const ${helper.as} = ${helper.source};` : `import { ${helper.name} as ${helper.as} } from ${JSON.stringify(helper.file)};`)
      validators.push(`${parser.code}\nexport const ${name} = compiledSchema(${name}_parse, () => fallback().then((m) => m.${name}));`)
      fallbacks.push(`export const ${name} = ${js};`)
      this.compiled++
      edits.push({ ...slot, replacement: `__purista_schemas.${name}` })
    }
    if (!edits.length) return undefined
    let contents = replace(text, edits)
    contents = replace(contents, unreadZodImports(file, contents).map((range) => ({ ...range, replacement: '' })))
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
      fallback: [...zodNames.map((local) => `import { z as ${local} } from 'zod';`), ...fallbacks].join('\n'),
    }
  }
}

/** The text with each range replaced, from the end so earlier offsets hold; a replacement keeps the lines it replaces, for stack traces. */
function replace(text: string, edits: { start: number; end: number; replacement: string }[]): string {
  let result = text
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    const lines = text.slice(edit.start, edit.end).split('\n').length - 1
    result = result.slice(0, edit.start) + edit.replacement + '\n'.repeat(lines) + result.slice(edit.end)
  }
  return result
}
