import type { StateMethod } from '../model/app-model.ts'
import { unwrap } from './evaluate.ts'
import type { Node } from './modules.ts'

const STATE_METHODS: readonly StateMethod[] = ['getState', 'removeState', 'setState']
const FUNCTION_LITERALS = new Set(['ArrowFunctionExpression', 'FunctionExpression'])

const isStateMethod = (name: unknown): name is StateMethod => STATE_METHODS.includes(name as StateMethod)

/** `context.states` or a `states` bound by destructuring. */
const isStates = (node: Node): boolean => {
  const n = unwrap(node)
  return (n.type === 'Identifier' && n.name === 'states') || (n.type === 'MemberExpression' && !n.computed && n.property.name === 'states')
}

/**
 * The context.states methods a function passed to set…Function may call, sorted. Only
 * `states.getState(…)`, `states.setState(…)` and `states.removeState(…)` written in the function
 * tell which; any other use of `states` (handed to a helper, a method taken off it, a computed
 * member) may call any of them, and so does a function defined elsewhere, which is not followed:
 * too many permissions cost nothing at run time, a missing one fails the call.
 */
export function stateMethods(fn: Node): StateMethod[] {
  if (!FUNCTION_LITERALS.has(fn.type)) return [...STATE_METHODS]
  const called = new Set<StateMethod>()
  let unknownUse = false
  const visit = (node: unknown): void => {
    if (unknownUse) return
    if (Array.isArray(node)) return node.forEach(visit)
    if (typeof node !== 'object' || node === null) return
    const n = node as Node
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee)
      if (callee.type === 'MemberExpression' && !callee.computed && isStateMethod(callee.property.name) && isStates(callee.object)) {
        called.add(callee.property.name)
        // The receiver is accounted for (what `context` is may still hide a use); the arguments are not.
        const receiver = unwrap(callee.object)
        if (receiver.type === 'MemberExpression') visit(receiver.object)
        return visit(n.arguments)
      }
    }
    // `{ states } = context` only names it: what the function then does with `states` is what counts.
    if (n.type === 'ObjectPattern') return visit(n.properties.filter((p: Node) => !(p.type === 'Property' && p.key?.name === 'states' && p.value?.type === 'Identifier' && p.value.name === 'states')))
    if (n.type === 'Identifier' && n.name === 'states') {
      unknownUse = true
      return
    }
    for (const key of Object.keys(n)) if (key !== 'parent') visit(n[key])
  }
  // Parameters too: `({ states: s }) => …` takes states under another name.
  visit(fn.params)
  visit(fn.body)
  return unknownUse ? [...STATE_METHODS] : STATE_METHODS.filter((method) => called.has(method))
}
