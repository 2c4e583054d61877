import type { Address, CallContext } from '../core/envelope.ts'
import { createCommand, undeclaredInvoke, type ContextDeps, type FunctionDeclarations } from './context.ts'

/** `context.service.User['1'].getUser(payload, parameter)` for declared targets; a clear error for anything else. */
export function invokeProxy(declarations: FunctionDeclarations, deps: ContextDeps, cause: CallContext): unknown {
  const tree: Record<string, Record<string, Record<string, unknown>>> = {}
  for (const target of declarations.invokes) {
    const receiver: Address = { serviceName: target.serviceName, serviceVersion: target.serviceVersion, serviceTarget: target.serviceTarget }
    ;((tree[target.serviceName] ??= {})[target.serviceVersion] ??= {})[target.serviceTarget] = (payload: unknown, parameter?: unknown) =>
      deps.bridge.invoke(createCommand(receiver, declarations.address, payload, parameter, cause), deps.commandTimeoutMs)
  }
  const guard = <T extends object>(node: T, path: string, depth: number): T =>
    new Proxy(node, {
      get(target, key) {
        if (typeof key === 'symbol' || key === 'then') return undefined
        const next = (target as Record<string, unknown>)[key]
        if (next === undefined) return undeclaredInvoke(declarations.address, `${path}${path ? '.' : ''}${key}`)
        return depth < 2 ? guard(next as object, `${path}${path ? '.' : ''}${key}`, depth + 1) : next
      },
    })
  return guard(tree, '', 0)
}
