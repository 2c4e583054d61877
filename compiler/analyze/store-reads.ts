import { Evaluator, NotStatic, unwrap } from './evaluate.ts'
import type { ModuleGraph, ModuleRecord, Node } from './modules.ts'

/** The secret and config names a function reads: what a cloud target grants it read access to, and nothing more. */
export interface StoreReads {
  secrets: string[]
  configs: string[]
}

type Report = (module: ModuleRecord, node: Node, message: string, hint: string, severity?: 'error' | 'warning') => void

const READERS = { getSecret: 'secrets', getConfig: 'configs' } as const
const FUNCTION_LITERALS = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'FunctionDeclaration'])
const NAME_HINT = "pass the names as string literals or constants, e.g. context.secrets.getSecret('apiKey'): the build grants the function read access to exactly those"

export const NO_READS: StoreReads = { secrets: [], configs: [] }

export const mergeReads = (a: StoreReads, b: StoreReads): StoreReads => ({ secrets: [...new Set([...a.secrets, ...b.secrets])].sort(), configs: [...new Set([...a.configs, ...b.configs])].sort() })

/**
 * Finds context.secrets.getSecret('x') and context.configs.getConfig('x') calls (any `….getSecret(…)`)
 * in a function passed to the builder (set…Function, a transform) or an object of them (guard hooks),
 * written there or a const or function declared elsewhere in the sources. A name that is not static
 * is a not-static error: no role could be granted it.
 */
export function findStoreReads(graph: ModuleGraph, evaluator: Evaluator, module: ModuleRecord, fn: Node, report: Report): StoreReads {
  const reads: StoreReads = { secrets: [], configs: [] }
  const code = codeOf(graph, module, unwrap(fn))
  if (!code) {
    report(module, fn, 'cannot see the code of this function, so no secrets or configs it reads are known', 'pass a function written in your sources (inline, or a const or function declaration): a cloud target grants a function only the secrets and configs its code names', 'warning')
    return reads
  }
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (typeof node !== 'object' || node === null) return
    const n = node as Node
    const callee = n.type === 'CallExpression' ? unwrap(n.callee) : undefined
    if (callee?.type === 'MemberExpression' && !callee.computed && Object.hasOwn(READERS, callee.property.name)) {
      const list = reads[READERS[callee.property.name as keyof typeof READERS]]
      for (const arg of n.arguments as Node[]) {
        const value = arg.type === 'SpreadElement' ? new NotStatic(code.module, arg, 'a spread list') : evaluator.evaluate(code.module, arg)
        if (typeof value === 'string') list.push(value)
        else report(code.module, arg, `cannot determine the name passed to ${callee.property.name}() statically${value instanceof NotStatic ? `: it is ${value.reason}` : ''}`, NAME_HINT)
      }
    }
    for (const key of Object.keys(n)) if (key !== 'parent') visit(n[key])
  }
  visit(code.root)
  return { secrets: [...new Set(reads.secrets)].sort(), configs: [...new Set(reads.configs)].sort() }
}

/** What to search: an object of hooks as written, a function's body (a literal, or what an identifier names: a const's function or a function declaration, in any module). */
function codeOf(graph: ModuleGraph, module: ModuleRecord, node: Node): { module: ModuleRecord; root: Node } | undefined {
  if (node.type === 'ObjectExpression') return { module, root: node }
  if (FUNCTION_LITERALS.has(node.type)) return { module, root: node.body }
  if (node.type !== 'Identifier') return undefined
  const binding = graph.resolveBinding(module, node.name)
  if (binding.kind !== 'declaration') return undefined
  const { declaration } = binding
  const fn = declaration.init ? unwrap(declaration.init) : declaration.node
  return FUNCTION_LITERALS.has(fn.type) ? { module: declaration.module, root: fn.body } : undefined
}
