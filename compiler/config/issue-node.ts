// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any

/**
 * The node of the config's object literal that a schema issue is about: the value at the issue's
 * path (`http.port` → the `port: '3000'` value), or for an unknown key the property itself, followed
 * as far as the literal spells it out. Where a value comes from elsewhere (a constant), the last
 * property on the way stands for it.
 */
export function issueNode(root: Node, path: readonly PropertyKey[], unknownKeys: readonly string[] = []): Node {
  let node = root
  for (const key of path) {
    const property = propertyNamed(node, String(key))
    if (!property) return node
    node = property.value
  }
  return (unknownKeys.length && propertyNamed(node, unknownKeys[0]!)) || node
}

function propertyNamed(node: Node, name: string): Node | undefined {
  if (node?.type !== 'ObjectExpression') return undefined
  // The last one wins, as in the object the literal makes.
  return node.properties.findLast((p: Node) => p.type === 'Property' && !p.computed && (p.key.name ?? String(p.key.value)) === name)
}
