import { unwrap } from './evaluate.ts'
import type { ModuleGraph, ModuleRecord, Node } from './modules.ts'

/** Methods that return the same object schema, keys unchanged and unknown keys still stripped. */
const SAME_KEYS = new Set(['strict', 'strip', 'describe', 'meta', 'readonly', 'brand'])

/**
 * The keys of an object schema written as `z.object({ … })` (also behind a const, an import,
 * `.extend({ … })` or `.strict()`): the only keys a validated value keeps. Undefined when the
 * schema is anything else, or keeps unknown keys (`.passthrough()`, `.catchall()`): the caller
 * then knows nothing and checks nothing.
 */
export function objectSchemaKeys(graph: ModuleGraph, module: ModuleRecord, raw: Node, seen = new Set<Node>()): Set<string> | undefined {
  const node = unwrap(raw)
  if (seen.has(node)) return undefined
  seen.add(node)
  if (node.type === 'Identifier') {
    const binding = graph.resolveBinding(module, node.name)
    if (binding.kind !== 'declaration' || binding.declaration.kind !== 'const' || !binding.declaration.init) return undefined
    return objectSchemaKeys(graph, binding.declaration.module, binding.declaration.init, seen)
  }
  if (node.type !== 'CallExpression') return undefined
  const callee = unwrap(node.callee)
  if (callee.type !== 'MemberExpression' || callee.computed) return undefined
  const method: string = callee.property.name
  if (method === 'object') return literalKeys(node.arguments[0])
  if (SAME_KEYS.has(method)) return objectSchemaKeys(graph, module, callee.object, seen)
  if (method === 'extend') {
    const base = objectSchemaKeys(graph, module, callee.object, seen)
    const added = literalKeys(node.arguments[0])
    return base && added && new Set([...base, ...added])
  }
  return undefined
}

/** The property names of an object literal, undefined when one is computed or spread in. */
function literalKeys(raw: Node | undefined): Set<string> | undefined {
  const node = raw && unwrap(raw)
  if (node?.type !== 'ObjectExpression') return undefined
  const keys = new Set<string>()
  for (const property of node.properties as Node[]) {
    if (property.type !== 'Property' || property.computed) return undefined
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.value
    if (typeof key !== 'string') return undefined
    keys.add(key)
  }
  return keys
}
