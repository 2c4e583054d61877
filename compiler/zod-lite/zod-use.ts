import { parseSync } from 'oxc-parser'
import { CLASSIC_ONLY_MEMBERS, LITE_EXPORTS } from './names.ts'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any

/** Nodes that hold an expression inside type syntax: their `expression` is code, the rest is types. */
const TYPED_EXPRESSIONS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSInstantiationExpression'])

/**
 * Why the code of one module needs zod itself rather than zod-lite (runtime/zod-lite/zod.ts): an
 * empty list when every use of zod in it is one zod-lite has. Conservative, since a build cannot
 * tell a schema from any other value: a member named like a classic-only method (`.refine`,
 * `.transform`, `.extend` …) on whatever object counts, and so does `z` used other than as `z.name`.
 * Types (`z.infer<…>`) are no use at run time and are not looked at.
 */
export function zodUsesBeyondLite(file: string, text: string): string[] {
  const result = parseSync(file, text, { sourceType: 'module' })
  if (result.errors.length) return [`${file} does not parse`]
  const reasons = new Set<string>()
  // Local names bound to zod's namespace (`import { z }`, `import * as z`, `import z`).
  const namespaces = new Set<string>()
  for (const statement of result.program.body as Node[]) {
    if (statement.type === 'ImportDeclaration' && statement.source.value === 'zod' && statement.importKind !== 'type') {
      for (const specifier of statement.specifiers) {
        if (specifier.type !== 'ImportSpecifier') namespaces.add(specifier.local.name)
        else if (specifier.importKind === 'type') continue
        else if (importedName(specifier) === 'z') namespaces.add(specifier.local.name)
        else if (!LITE_EXPORTS.has(importedName(specifier))) reasons.add(`imports ${importedName(specifier)} from zod`)
      }
    }
    if ((statement.type === 'ExportAllDeclaration' || statement.type === 'ExportNamedDeclaration') && statement.source?.value === 'zod' && statement.exportKind !== 'type') {
      const names = statement.type === 'ExportAllDeclaration' ? ['*'] : statement.specifiers.map((s: Node) => s.local.name ?? s.local.value)
      for (const name of names) if (!LITE_EXPORTS.has(name)) reasons.add(`re-exports ${name} from zod`)
    }
  }
  walk(result.program, undefined, (node, parent) => {
    if (node.type === 'MemberExpression') {
      const name = memberName(node)
      if (name !== undefined && CLASSIC_ONLY_MEMBERS.has(name)) reasons.add(`uses .${name}`)
      if (node.object.type === 'Identifier' && namespaces.has(node.object.name) && (name === undefined || !LITE_EXPORTS.has(name))) reasons.add(`uses ${node.object.name}.${name ?? '[…]'}`)
    } else if (node.type === 'Identifier' && namespaces.has(node.name) && isReference(node, parent)) {
      reasons.add(`uses ${node.name} other than as ${node.name}.<name>`)
    } else if (node.type === 'ObjectPattern') {
      for (const property of node.properties) if (property.type === 'Property' && !property.computed && CLASSIC_ONLY_MEMBERS.has(property.key.name ?? property.key.value)) reasons.add(`takes .${property.key.name ?? property.key.value} apart`)
    } else if ((node.type === 'ImportExpression' && node.source.value === 'zod') || (node.type === 'CallExpression' && node.callee.name === 'require' && node.arguments[0]?.value === 'zod')) {
      reasons.add('loads zod at run time')
    }
  })
  return [...reasons].map((reason) => `${file}: ${reason}`)
}

const importedName = (specifier: Node): string => specifier.imported.name ?? specifier.imported.value

/** The member's name when the code spells it (`a.b`, `a['b']`); undefined for a computed one. */
const memberName = (node: Node): string | undefined => (!node.computed ? node.property.name : typeof node.property.value === 'string' ? node.property.value : undefined)

/** Whether an identifier is a use of the binding of that name other than `name.member`: not a property name, a key or the import itself. */
function isReference(node: Node, parent: Node): boolean {
  if (!parent) return true
  switch (parent.type) {
    case 'MemberExpression':
      // As the object, `z.name` is judged by its name; as a spelled-out property, it is no use of z.
      return parent.computed && parent.property === node
    case 'Property':
      return parent.value === node || parent.shorthand
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
      return false
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return parent.value === node
    default:
      return true
  }
}

/** Whether an identifier reads the binding of its name: as the object of `a.b` too, which isReference leaves to the member's name. */
export const readsName = (node: Node, parent: Node): boolean => (parent?.type === 'MemberExpression' ? parent.object === node || parent.computed : isReference(node, parent))

/** Every name some code reads (readsName): an import's own bindings, keys and property names are none. */
export function namesRead(node: Node): Set<string> {
  const names = new Set<string>()
  walk(node, undefined, (child, parent) => {
    if (child.type === 'Identifier' && readsName(child, parent)) names.add(child.name)
  })
  return names
}

/** Visits every node of the code, none of the types. */
export function walk(node: Node, parent: Node, visit: (node: Node, parent: Node) => void): void {
  if (!node || typeof node.type !== 'string') return
  if (node.type.startsWith('TS')) {
    if (TYPED_EXPRESSIONS.has(node.type)) walk(node.expression, node, visit)
    return
  }
  visit(node, parent)
  for (const [key, value] of Object.entries(node)) {
    if (key === 'typeAnnotation' || key === 'typeArguments' || key === 'typeParameters' || key === 'returnType') continue
    if (Array.isArray(value)) for (const child of value) walk(child, node, visit)
    else if (value && typeof value === 'object') walk(value, node, visit)
  }
}
