import type { HooksMapper } from './function-this.ts'

/**
 * Every function of a definition's hooks rewritten by `wrap` (bound to the service, made to wait for
 * its config): what bindThis and bindStandalone do to the hooks when it is handed to them. A
 * Service always hands it; a Lambda or Azure function only when its definition sets hooks.
 */
export const mapHookFunctions: HooksMapper = (hooks, wrap) => {
  const each = (guards: Record<string, (...args: any[]) => unknown>) => Object.fromEntries(Object.entries(guards).map(([name, guard]) => [name, wrap(guard)]))
  return {
    ...hooks,
    ...(hooks.transformInput && { transformInput: { ...hooks.transformInput, fn: wrap(hooks.transformInput.fn) } }),
    ...(hooks.transformOutput && { transformOutput: { ...hooks.transformOutput, fn: wrap(hooks.transformOutput.fn) } }),
    beforeGuards: each(hooks.beforeGuards),
    afterGuards: each(hooks.afterGuards),
  }
}
