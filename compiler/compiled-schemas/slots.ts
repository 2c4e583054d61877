import { parseSync } from 'oxc-parser'
import { readsName, walk } from '../zod-lite/zod-use.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any

/** Builder methods that take schemas. canInvoke's schemas only type the call (the runtime never reads them). */
const SCHEMA_METHODS = new Set(['addPayloadSchema', 'addParameterSchema', 'addOutputSchema', 'canEmit', 'canInvoke'])
const TYPE_ONLY_METHODS = new Set(['canInvoke'])
const BUILDER_GETTERS = new Set(['getCommandBuilder', 'getSubscriptionBuilder'])

/** What an inline zod expression may be made of: calls and member reads on zod, and literal data. */
const PLAIN_NODES = new Set([
  'CallExpression', 'MemberExpression', 'Identifier', 'Literal', 'ArrayExpression', 'ObjectExpression', 'Property', 'UnaryExpression',
  'ParenthesizedExpression', 'TemplateLiteral', 'TemplateElement', 'ChainExpression',
])
/** Globals an inline expression may name besides zod. */
const PLAIN_GLOBALS = new Set(['undefined', 'NaN', 'Infinity'])

/** A schema argument of a builder method, written inline with zod only. */
export interface SchemaSlot {
  start: number
  end: number
  /** The argument's source text (TypeScript). */
  text: string
  /** canInvoke's schemas: the runtime never reads them, so nothing needs to stand in for them. */
  typeOnly: boolean
}

/**
 * The schema arguments of a module's builder chains (`….getCommandBuilder(…).addPayloadSchema(z.object({…}))`)
 * that are made of zod and literals alone, so the build can evaluate them without the module; with
 * the local names the module imports zod's namespace under. An argument that names anything else
 * (a schema from another module, a constant, a callback) is left out: it stays as it is.
 */
export function schemaSlots(file: string, text: string): { slots: SchemaSlot[]; zodNames: string[] } {
  if (![...SCHEMA_METHODS].some((method) => text.includes(method))) return { slots: [], zodNames: [] }
  const result = parseSync(file, text, { sourceType: 'module' })
  if (result.errors.length) return { slots: [], zodNames: [] }
  const zodNames = new Set<string>()
  for (const statement of result.program.body as Node[]) {
    if (statement.type !== 'ImportDeclaration' || statement.source.value !== 'zod' || statement.importKind === 'type') continue
    for (const specifier of statement.specifiers) {
      if (specifier.type !== 'ImportSpecifier') zodNames.add(specifier.local.name)
      else if (specifier.importKind !== 'type' && (specifier.imported.name ?? specifier.imported.value) === 'z') zodNames.add(specifier.local.name)
    }
  }
  const slots: SchemaSlot[] = []
  if (!zodNames.size) return { slots, zodNames: [] }
  walk(result.program, undefined, (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.computed) return
    const method = node.callee.property.name
    if (!SCHEMA_METHODS.has(method) || !onBuilder(node.callee.object)) return
    for (const argument of node.arguments as Node[]) {
      if (isInlineZod(argument, zodNames)) slots.push({ start: argument.start, end: argument.end, text: text.slice(argument.start, argument.end), typeOnly: TYPE_ONLY_METHODS.has(method) })
    }
  })
  // A chain is visited from its last call; the file's order reads better in what is generated.
  return { slots: slots.sort((a, b) => a.start - b.start), zodNames: [...zodNames] }
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

/** A zod call made of plain data: every name it reads is zod's (or `undefined`), and nothing in it runs user code. */
function isInlineZod(argument: Node, zodNames: Set<string>): boolean {
  let inner = argument
  while (inner.type.startsWith('TS') || inner.type === 'ParenthesizedExpression') inner = inner.expression
  if (inner.type !== 'CallExpression') return false
  let plain = true
  let readsZod = false
  walk(argument, undefined, (node, parent) => {
    if (!PLAIN_NODES.has(node.type) || (node.type === 'Property' && (node.computed || node.kind !== 'init' || node.method))) plain = false
    else if (node.type === 'Identifier' && readsName(node, parent)) {
      if (zodNames.has(node.name)) readsZod = true
      else if (!PLAIN_GLOBALS.has(node.name)) plain = false
    } else if (node.type === 'MemberExpression' && node.computed && node.property.type !== 'Literal') plain = false
  })
  return plain && readsZod
}

/**
 * The `import … from 'zod'` declarations of a module none of whose bindings it reads any more, once its
 * schemas are compiled. They are removed: under `verbatimModuleSyntax` a bundler keeps an unused import,
 * and the module would still load zod.
 */
export function unreadZodImports(file: string, text: string): { start: number; end: number }[] {
  const result = parseSync(file, text, { sourceType: 'module' })
  if (result.errors.length) return []
  const declarations = (result.program.body as Node[]).filter((s) => s.type === 'ImportDeclaration' && s.source.value === 'zod' && s.importKind !== 'type' && s.specifiers.length)
  const read = new Set<string>()
  walk(result.program, undefined, (node, parent) => {
    if (node.type === 'Identifier' && parent?.type !== 'ImportSpecifier' && parent?.type !== 'ImportDefaultSpecifier' && parent?.type !== 'ImportNamespaceSpecifier' && readsName(node, parent)) read.add(node.name)
  })
  return declarations.filter((d) => d.specifiers.every((s: Node) => s.importKind === 'type' || !read.has(s.local.name))).map((d) => ({ start: d.start, end: d.end }))
}
