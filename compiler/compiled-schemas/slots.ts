import { parseSync } from 'oxc-parser'
import { namesRead } from '../zod-lite/zod-use.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any

/** Builder methods that take schemas. canInvoke's schemas only type the call (the runtime never reads them). */
const SCHEMA_METHODS = new Set(['addPayloadSchema', 'addParameterSchema', 'addOutputSchema', 'canEmit', 'canInvoke'])
const TYPE_ONLY_METHODS = new Set(['canInvoke'])
const BUILDER_GETTERS = new Set(['getCommandBuilder', 'getSubscriptionBuilder'])

/** An argument of a builder method that takes schemas: the compiler makes it a validator if it is a plain schema expression. */
export interface SchemaSlot {
  node: Node
  start: number
  end: number
  /** canInvoke's schemas: the runtime never reads them, so nothing needs to stand in for them. */
  typeOnly: boolean
}

/** Whether a module's text names a builder method that takes schemas: one that does not is not parsed. */
export const mentionsSchemaMethods = (text: string) => [...SCHEMA_METHODS].some((method) => text.includes(method))

/**
 * The arguments of a module's builder chains (`….getCommandBuilder(…).addPayloadSchema(…)`) that may
 * be schemas: every argument but literals (event names, canInvoke's service, version and command).
 */
export function schemaSlots(program: Node): SchemaSlot[] {
  const slots: SchemaSlot[] = []
  outsideFunctions(program, (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.computed) return
    const method = node.callee.property.name
    if (!SCHEMA_METHODS.has(method) || !onBuilder(node.callee.object)) return
    for (const argument of node.arguments as Node[]) {
      if (argument.type !== 'Literal' && argument.type !== 'TemplateLiteral') slots.push({ node: argument, start: argument.start, end: argument.end, typeOnly: TYPE_ONLY_METHODS.has(method) })
    }
  })
  // A chain is visited from its last call; the file's order reads better in what is generated.
  return slots.sort((a, b) => a.start - b.start)
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassBody'])

/**
 * Visits the module's code outside any function: there a name means the module's binding of it (a
 * chain built inside a function could see a parameter named `z`), and the handlers are no schemas.
 */
function outsideFunctions(node: Node, visit: (node: Node) => void): void {
  if (!node || typeof node.type !== 'string' || FUNCTIONS.has(node.type)) return
  visit(node)
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) outsideFunctions(child, visit)
    else if (value && typeof value === 'object') outsideFunctions(value, visit)
  }
}

/** Whether a call chain starts at a command or subscription builder getter: `x.getCommandBuilder(…).a(…).b(…)`. */
function onBuilder(node: Node): boolean {
  while (node) {
    if (node.type === 'CallExpression') {
      if (node.callee.type === 'MemberExpression' && BUILDER_GETTERS.has(node.callee.property.name)) return true
      node = node.callee.type === 'MemberExpression' ? node.callee.object : undefined
    } else if (node.type === 'MemberExpression' || node.type.startsWith('TS')) node = node.object ?? node.expression
    else return false
  }
  return false
}

/**
 * The import declarations of a module none of whose value bindings it reads any more, once its
 * schemas are compiled, and that `removable` allows dropping (zod; a module that only declares
 * schemas): under `verbatimModuleSyntax` a bundler keeps an unused import, and the module would
 * still load it, and with it zod.
 */
export function unreadImports(file: string, text: string, removable: (source: string) => boolean): { start: number; end: number }[] {
  const result = parseSync(file, text, { sourceType: 'module' })
  if (result.errors.length) return []
  const declarations = (result.program.body as Node[]).filter((s) => s.type === 'ImportDeclaration' && s.importKind !== 'type' && s.specifiers.length && removable(s.source.value))
  const read = namesRead(result.program)
  return declarations.filter((d) => d.specifiers.every((s: Node) => s.importKind === 'type' || !read.has(s.local.name))).map((d) => ({ start: d.start, end: d.end }))
}
