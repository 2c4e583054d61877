import { parseSync } from 'oxc-parser'
import { expect, test } from 'vitest'
import { issueNode } from './issue-node.ts'

const config = `const config = { name: 'shop', http: { port: '3000', bodyLimit: 1 }, targets: LAMBDA, http2: 1 }`
const root = (parseSync('c.ts', config).program.body[0] as any).declarations[0].init
const textAt = (node: { start: number }) => config.slice(node.start, node.start + 12)

test('an issue points at the value its path names, or at the unknown key', () => {
  expect(textAt(issueNode(root, ['http', 'port']))).toBe("'3000', body")
  expect(textAt(issueNode(root, [], ['http2']))).toBe('http2: 1 }')
  // A value the literal does not spell out: the property that holds it.
  expect(textAt(issueNode(root, ['targets', 'lambda', 'memoryMb']))).toBe('LAMBDA, http')
  expect(textAt(issueNode(root, ['nothing']))).toBe("{ name: 'sho")
})
