import type { SourceModule } from './source.ts'
import type { Node } from './modules.ts'

const BUILDER_NAMES = /\b(ServiceBuilder|getCommandBuilder|getSubscriptionBuilder|addCommandDefinition|addSubscriptionDefinition)\b/

/**
 * The first top-level CommonJS export (`module.exports = …`, `exports.x = …`) of a file that uses
 * the builder API. purista follows ES module exports only, so such a service would be dropped.
 */
export function commonJsExport(source: SourceModule): Node | undefined {
  if (!BUILDER_NAMES.test(source.text)) return undefined
  for (const statement of source.program.body as Node[]) {
    const expression = statement.type === 'ExpressionStatement' ? statement.expression : undefined
    if (expression?.type === 'AssignmentExpression' && isCommonJsTarget(expression.left)) return statement
  }
  return undefined
}

/** `module.exports`, `exports` or a member of either. */
function isCommonJsTarget(node: Node): boolean {
  if (node.type !== 'MemberExpression') return node.type === 'Identifier' && node.name === 'exports'
  const object = node.object as Node
  if (object.type === 'Identifier') return object.name === 'exports' || (object.name === 'module' && !node.computed && node.property.name === 'exports')
  return isCommonJsTarget(object)
}
