import { parseSync } from 'oxc-parser'

/*
 * Adds a definition to a service file by editing its text where the parser locates the calls, so the
 * user's formatting, comments and other code stay as they were. Only shapes read with certainty are
 * edited; for anything else the caller prints the lines to add by hand.
 */

export type DefinitionKind = 'command' | 'subscription'

export interface Registration {
  kind: DefinitionKind
  /** The export of the definition builder, e.g. createInvoice. */
  exportName: string
  /** From the service file, with the .js extension NodeNext wants: './command/createInvoice/createInvoice.js'. */
  importPath: string
}

export type RegisterResult = { status: 'registered'; text: string } | { status: 'already-registered' } | { status: 'unrecognized' }

interface Node {
  type: string
  start: number
  end: number
  [key: string]: unknown
}
interface CallNode extends Node {
  callee: Node & { property?: { name?: string } }
  arguments: Node[]
}

const ADDER: Record<DefinitionKind, string> = { command: 'addCommandDefinition', subscription: 'addSubscriptionDefinition' }

/** The lines a user adds by hand when the file's shape is not one register() edits. */
export const manualLines = (r: Registration) => [`import { ${r.exportName} } from '${r.importPath}'`, `.${ADDER[r.kind]}(${r.exportName}.getDefinition())`]

export function register(text: string, registration: Registration): RegisterResult {
  const { program, errors } = parseSync('service.ts', text, { sourceType: 'module', lang: 'ts' })
  if (errors.some((e) => e.severity === 'Error')) return { status: 'unrecognized' }
  const argument = `${registration.exportName}.getDefinition()`
  if (text.includes(argument)) return { status: 'already-registered' }

  const calls = collectAdderCalls(program as unknown as Node)
  const own = calls.filter((c) => c.callee.property?.name === ADDER[registration.kind]).at(-1)
  const other = calls.at(-1)
  let edited: string
  if (own) edited = appendArgument(text, own, argument)
  // No call of this kind yet: chain one after the other kind's, as both return the builder.
  else if (other) edited = insertAt(text, other.end, `${chainBreak(text, other)}.${ADDER[registration.kind]}(${argument})`)
  else return { status: 'unrecognized' }

  const imports = (program.body as unknown as Node[]).filter((n) => n.type === 'ImportDeclaration')
  const importLine = `import { ${registration.exportName} } from '${registration.importPath}'`
  const lastImport = imports.at(-1)
  // The import comes before the call in the file, so adding it after the call's edit leaves no offset stale.
  return { status: 'registered', text: lastImport ? insertAt(edited, lastImport.end, '\n' + importLine) : `${importLine}\n${edited}` }
}

function collectAdderCalls(root: Node): CallNode[] {
  const found: CallNode[] = []
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit)
    if (!value || typeof value !== 'object') return
    const node = value as Node
    if (node.type === 'CallExpression') {
      const call = node as CallNode
      const name = call.callee.type === 'MemberExpression' && call.callee.computed === false ? call.callee.property?.name : undefined
      if (name === ADDER.command || name === ADDER.subscription) found.push(call)
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'parent') visit(child)
  }
  visit(root)
  return found.sort((a, b) => a.start - b.start)
}

/** After the last argument, on a line of its own when the arguments are one a line. */
function appendArgument(text: string, call: CallNode, argument: string): string {
  const last = call.arguments.at(-1)
  if (!last) return insertAt(text, call.end - 1, argument)
  const oneALine = text.slice(call.callee.end, call.arguments[0]!.start).includes('\n')
  return insertAt(text, last.end, oneALine ? `,\n${indentAt(text, last.start)}${argument}` : `, ${argument}`)
}

/** A chained call goes on a new line when the call it follows began its own line (`  .addCommandDefinition(`). */
function chainBreak(text: string, call: CallNode): string {
  const property = call.callee.property as unknown as Node
  const dot = text.lastIndexOf('.', property.start)
  const lineStart = text.lastIndexOf('\n', dot) + 1
  return /^\s*$/.test(text.slice(lineStart, dot)) ? '\n' + text.slice(lineStart, dot) : ''
}

const indentAt = (text: string, offset: number) => /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', offset - 1) + 1))![0]
const insertAt = (text: string, offset: number, insertion: string) => text.slice(0, offset) + insertion + text.slice(offset)
