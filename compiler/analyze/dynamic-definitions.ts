import type { ChainReader } from './chains.ts'
import { unwrap } from './evaluate.ts'
import type { ModuleRecord, Node } from './modules.ts'

/** The builder calls that create or add definitions: made where purista does not read them, the build would silently lack them. */
const DEFINING_CALLS = new Set(['getCommandBuilder', 'getSubscriptionBuilder', 'addCommandDefinition', 'addSubscriptionDefinition'])
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'MethodDefinition'])
const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement'])

/**
 * Reports each call of a service builder's defining methods that no top-level const chain holds:
 * one in a function, in a loop, or in a bare statement. purista reads definitions without running
 * code, so such a command or subscription would be missing from the build without a word.
 */
export function reportDynamicDefinitions(reader: ChainReader, module: ModuleRecord): void {
  const visit = (node: unknown, enclosing: 'function' | 'loop' | undefined): void => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child, enclosing))
    if (typeof node !== 'object' || node === null) return
    const n = node as Node
    if (n.type === 'CallExpression' && !reader.readCalls.has(n) && isServiceBuilderCall(reader, module, n)) {
      const method: string = unwrap(n.callee).property.name
      const where = enclosing === 'function' ? 'inside a function' : enclosing === 'loop' ? 'inside a loop' : 'outside a const declaration'
      reader.report(
        'dynamic-definition',
        { module, node: unwrap(n.callee).property },
        `${method}() is called ${where}: purista reads the builder chains without running code, so what this defines would be missing from the build`,
        'write each command and subscription as its own exported const (export const myCommand = serviceBuilder.getCommandBuilder(…)…), and add them in one exported chain: serviceBuilder.addCommandDefinition(myCommand.getDefinition(), …)',
      )
    }
    const inner = FUNCTIONS.has(n.type) ? 'function' : LOOPS.has(n.type) && enclosing !== 'function' ? 'loop' : enclosing
    for (const key in n) if (key !== 'parent' && key !== 'type') visit(n[key], inner)
  }
  visit(module.source.program.body, undefined)
}

/** `x.getCommandBuilder(…)` and the like, where the chain under `x` starts at a service builder const. */
function isServiceBuilderCall(reader: ChainReader, module: ModuleRecord, call: Node): boolean {
  const callee = unwrap(call.callee)
  if (callee.type !== 'MemberExpression' || callee.computed || !DEFINING_CALLS.has(callee.property.name)) return false
  let base = unwrap(callee.object)
  while (base.type === 'CallExpression' && unwrap(base.callee).type === 'MemberExpression') base = unwrap(unwrap(base.callee).object)
  // Only a name: classifying it reads a declaration (cached, no side effects), where a `new ServiceBuilder` would register another service.
  return base.type === 'Identifier' && reader.classify(module, base).kind === 'service'
}
