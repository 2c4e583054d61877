import { readFileSync } from 'node:fs'
import { parseSync } from 'oxc-parser'
import { namesRead } from '../zod-lite/zod-use.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any

/**
 * A zod helper a fast path closes over (util.js's codePointLength), as code of its own: its function
 * declaration and the module-level constants and functions it names, in an expression that evaluates
 * to it. Importing it instead would load its module, and with it every module that one imports
 * (util.js imports core.js; schemas.js all of zod's core), when only a few lines are called.
 * Undefined when the helper names anything else of its module (an import, a class, a `let`): then
 * it is imported.
 */
export function helperSource(file: string, name: string): string | undefined {
  const declarations = topLevelDeclarations(file)
  const needed: string[] = []
  const visit = (id: string): boolean => {
    if (needed.includes(id)) return true
    const node = declarations.get(id)
    if (!node || !(node.type === 'FunctionDeclaration' || isLiteralConst(node))) return false
    needed.push(id)
    // A name that is a module-level declaration is a dependency (a local of the same name only adds one).
    return [...namesRead(node)].filter((other) => declarations.has(other) && other !== id).every(visit)
  }
  if (!visit(name)) return undefined
  const text = readFileSync(file, 'utf8')
  // Declarations before the function that uses them: constants are not hoisted.
  const sources = needed.map((id) => declarations.get(id)!).sort((a, b) => a.start - b.start).map((node: Node) => text.slice(node.start, node.end))
  return `(() => {\n${sources.join('\n')}\nreturn ${name};\n})()`
}

const parsed = new Map<string, Map<string, Node>>()

/** A module's top-level declarations and imports by name (exported or not), parsed once per file. */
function topLevelDeclarations(file: string): Map<string, Node> {
  let declarations = parsed.get(file)
  if (!declarations) {
    declarations = new Map()
    for (let statement of parseSync(file, readFileSync(file, 'utf8'), { sourceType: 'module' }).program.body as Node[]) {
      if (statement.type === 'ExportNamedDeclaration' && statement.declaration) statement = statement.declaration
      // An import is a name of the module too, and one a helper cannot take with it.
      if (statement.type === 'ImportDeclaration') {
        for (const specifier of statement.specifiers) declarations.set(specifier.local.name, statement)
      } else if (statement.type === 'VariableDeclaration') {
        for (const declarator of statement.declarations) if (declarator.id.type === 'Identifier') declarations.set(declarator.id.name, statement)
      } else if ((statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') && statement.id) declarations.set(statement.id.name, statement)
    }
    parsed.set(file, declarations)
  }
  return declarations
}

/** `const x = /…/` or `const x = 'literal'`: one declarator whose value is a literal. */
const isLiteralConst = (node: Node) => node.type === 'VariableDeclaration' && node.kind === 'const' && node.declarations.length === 1 && node.declarations[0].init?.type === 'Literal'
