/**
 * Service Bus SQL filters, the part of the language purista's subscriptions use (wiring.ts
 * sqlFilter): property = literal, <>, IN (…), NOT IN, AND, OR, NOT and parentheses, over a
 * message's application properties (bare or user. names) and its system properties (sys.).
 * Keywords are case-insensitive, as in Service Bus. A filter outside this subset fails when it is
 * compiled, naming what is not supported, instead of matching wrongly.
 */

export interface FilteredMessage {
  applicationProperties: Record<string, unknown>
  /** sys.MessageId, sys.CorrelationId, sys.ContentType, sys.Label … as Service Bus names them. */
  systemProperties: Record<string, unknown>
}

export type MessageFilter = (message: FilteredMessage) => boolean

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string }

const TOKEN = /\s*(?:('(?:[^']|'')*')|(-?\d+(?:\.\d+)?)|([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?)|(<>|!=|=|\(|\)|,))/y

function tokenize(filter: string): Token[] {
  const tokens: Token[] = []
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < filter.length) {
    if (/^\s*$/.test(filter.slice(TOKEN.lastIndex))) break
    const at = TOKEN.lastIndex
    const match = TOKEN.exec(filter)
    if (!match) throw new Error(`SQL filter "${filter}": "${filter.slice(at).trim()}" is not supported by the local Service Bus (only =, <>, IN, AND, OR, NOT)`)
    if (match[1]) tokens.push({ kind: 'string', text: match[1].slice(1, -1).replaceAll("''", "'") })
    else if (match[2]) tokens.push({ kind: 'number', text: match[2] })
    else if (match[3]) tokens.push({ kind: 'word', text: match[3] })
    else tokens.push({ kind: 'symbol', text: match[4]! })
  }
  return tokens
}

/** Three-valued, as SQL: comparing with a property the message lacks is unknown, which never matches. */
type Truth = boolean | undefined
type Condition = (message: FilteredMessage) => Truth

export function compileSqlFilter(filter: string): MessageFilter {
  const tokens = tokenize(filter)
  let at = 0
  const fail = (why: string): never => {
    throw new Error(`SQL filter "${filter}": ${why}`)
  }
  const peekKeyword = (word: string) => tokens[at]?.kind === 'word' && tokens[at]!.text.toUpperCase() === word
  const takeSymbol = (symbol: string) => (tokens[at]?.kind === 'symbol' && tokens[at]!.text === symbol ? (at++, true) : false)

  function or(): Condition {
    const left = and()
    if (!peekKeyword('OR')) return left
    at++
    const right = or()
    return (m) => {
      const [l, r] = [left(m), right(m)]
      return l === true || r === true ? true : l === false && r === false ? false : undefined
    }
  }
  function and(): Condition {
    const left = not()
    if (!peekKeyword('AND')) return left
    at++
    const right = and()
    return (m) => {
      const [l, r] = [left(m), right(m)]
      return l === false || r === false ? false : l === true && r === true ? true : undefined
    }
  }
  function not(): Condition {
    if (!peekKeyword('NOT')) return comparison()
    at++
    const inner = not()
    return (m) => {
      const value = inner(m)
      return value === undefined ? undefined : !value
    }
  }
  function comparison(): Condition {
    if (takeSymbol('(')) {
      const inner = or()
      if (!takeSymbol(')')) fail('a ( is not closed')
      return inner
    }
    const property = propertyReader()
    const negated = peekKeyword('NOT') && tokens[at + 1]?.text.toUpperCase() === 'IN' ? (at++, true) : false
    if (peekKeyword('IN')) {
      at++
      if (!takeSymbol('(')) fail('IN needs a list in parentheses')
      const values = [literal()]
      while (takeSymbol(',')) values.push(literal())
      if (!takeSymbol(')')) fail('the IN list is not closed')
      return (m) => {
        const value = property(m)
        return value === undefined ? undefined : values.some((v) => v === value) !== negated
      }
    }
    const operator = tokens[at]
    if (operator?.kind !== 'symbol' || !['=', '<>', '!='].includes(operator.text)) fail(`expected =, <> or IN after a property, got "${operator?.text ?? 'the end'}"`)
    at++
    const expected = literal()
    const equal = operator!.text === '='
    return (m) => {
      const value = property(m)
      return value === undefined ? undefined : (value === expected) === equal
    }
  }
  function propertyReader(): (message: FilteredMessage) => unknown {
    const token = tokens[at++]
    if (token?.kind !== 'word') return fail(`expected a property name, got "${token?.text ?? 'the end'}"`)
    const [scope, name] = token.text.includes('.') ? token.text.split('.') : ['user', token.text]
    if (scope!.toLowerCase() === 'sys') return (m) => m.systemProperties[name!]
    if (scope!.toLowerCase() === 'user') return (m) => m.applicationProperties[name!]
    return fail(`"${token.text}": a property is user.<name>, sys.<name> or a bare name`)
  }
  function literal(): string | number {
    const token = tokens[at++]
    if (token?.kind === 'string') return token.text
    if (token?.kind === 'number') return Number(token.text)
    return fail(`expected a string or number literal, got "${token?.text ?? 'the end'}"`)
  }

  const condition = or()
  if (at < tokens.length) fail(`unexpected "${tokens[at]!.text}"`)
  return (message) => condition(message) === true
}
