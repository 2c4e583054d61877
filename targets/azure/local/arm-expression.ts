/**
 * The ARM template expression language, as much of it as a local run needs to read a generated
 * main.json: literals, function calls, property access and indexing. What each function means
 * locally (reference(), listKeys() …) is the caller's choice: evaluate() takes the function table.
 */

export type ArmFunctions = Record<string, (...args: unknown[]) => unknown>

/** A template value: a string in brackets is an expression, one starting with [[ a literal with one [ less. */
export function evaluateValue(value: unknown, functions: ArmFunctions): unknown {
  if (typeof value === 'string') {
    if (value.startsWith('[[')) return value.slice(1)
    if (value.startsWith('[') && value.endsWith(']')) return evaluate(value.slice(1, -1), functions)
    return value
  }
  if (Array.isArray(value)) return value.map((v) => evaluateValue(v, functions))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateValue(v, functions)]))
  return value
}

/** One expression, without its brackets: format('func-{0}', uniqueString(resourceGroup().id)). */
export function evaluate(expression: string, functions: ArmFunctions): unknown {
  let at = 0
  const fail = (why: string): never => {
    throw new Error(`cannot read ARM expression [${expression}] at ${at}: ${why}`)
  }
  const skipSpace = () => {
    while (expression[at] === ' ') at++
  }
  const expect = (char: string) => (skipSpace(), expression[at] === char ? at++ : fail(`expected "${char}"`))

  function value(): unknown {
    skipSpace()
    let result = primary()
    for (;;) {
      skipSpace()
      if (expression[at] === '.') {
        at++
        const name = identifier()
        result = property(result, name)
      } else if (expression[at] === '[') {
        at++
        const index = value()
        expect(']')
        result = property(result, String(index))
      } else return result
    }
  }

  function primary(): unknown {
    const char = expression[at]
    if (char === "'") return string()
    if (char !== undefined && /[-0-9]/.test(char)) {
      const number = /^-?\d+/.exec(expression.slice(at))![0]
      at += number.length
      return Number(number)
    }
    const name = identifier()
    if (name === 'true' || name === 'false') return name === 'true'
    if (name === 'null') return null
    expect('(')
    const args: unknown[] = []
    skipSpace()
    if (expression[at] === ')') at++
    else {
      for (;;) {
        args.push(value())
        skipSpace()
        if (expression[at] === ',') at++
        else break
      }
      expect(')')
    }
    const fn = functions[name] ?? fail(`${name}() is not something a local run can evaluate`)
    return fn(...args)
  }

  function string(): string {
    let text = ''
    for (at++; ; at++) {
      if (at >= expression.length) fail('unterminated string')
      if (expression[at] === "'") {
        if (expression[at + 1] !== "'") break
        at++
      }
      text += expression[at]
    }
    at++
    return text
  }

  function identifier(): string {
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expression.slice(at))?.[0] ?? fail('expected a name')
    at += name.length
    return name
  }

  // A property the object does not have is undefined, as ARM's null-forgiving reads of reference() are.
  function property(of: unknown, name: string): unknown {
    if (of === null || typeof of !== 'object') fail(`no property ${name} on ${JSON.stringify(of)}`)
    return (of as Record<string, unknown>)[name]
  }

  const result = value()
  skipSpace()
  if (at !== expression.length) fail('unexpected text')
  return result
}

/** ARM's format(): .NET composite formatting with {0}, {1} … and {{ }} for braces. */
export function format(template: unknown, ...args: unknown[]): string {
  return String(template).replace(/\{\{|\}\}|\{(\d+)\}/g, (match, index: string | undefined) => (index === undefined ? match[0]! : String(args[Number(index)])))
}
