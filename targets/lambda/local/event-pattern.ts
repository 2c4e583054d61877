/**
 * EventBridge event pattern matching, as AWS documents it: a pattern has the event's shape; a
 * leaf is a list of matchers, any of which may match; a field in the event that is a list matches
 * if any of its items does; `$or` takes alternative patterns. No npm library does this.
 */
export type EventPattern = { [field: string]: EventPattern | Matcher[] | EventPattern[] }
type Matcher = string | number | boolean | null | Record<string, unknown>
type Leaf = string | number | boolean | null

const MISSING = Symbol('missing')
/** Exists and anything-but see only leaves: an object in the event is not a value. */
const isLeaf = (value: unknown): value is Leaf => value === null || ['string', 'number', 'boolean'].includes(typeof value)

export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  const fields = (event ?? {}) as Record<string, unknown>
  return Object.entries(pattern).every(([field, rule]) => {
    if (field === '$or') return (rule as EventPattern[]).some((alternative) => matchesPattern(alternative, event))
    const value = typeof fields === 'object' && field in fields ? fields[field] : MISSING
    if (!Array.isArray(rule)) return value !== MISSING && typeof value === 'object' && value !== null && !Array.isArray(value) ? matchesPattern(rule, value) : matchesPattern(rule, {})
    const matchers = rule as Matcher[]
    const values = value === MISSING ? [] : (Array.isArray(value) ? value : [value]).filter(isLeaf)
    return matchers.some((matcher) => matchesLeaf(matcher, values, value === MISSING || values.length === 0))
  })
}

function matchesLeaf(matcher: Matcher, values: Leaf[], absent: boolean): boolean {
  if (!isObject(matcher)) return values.some((value) => equal(matcher, value))
  if ('exists' in matcher) return matcher.exists === !absent
  return values.some((value) => matchesOperator(matcher, value))
}

function matchesOperator(operator: Record<string, unknown>, value: Leaf): boolean {
  const [name, argument] = Object.entries(operator)[0] ?? []
  switch (name) {
    case 'prefix':
      return typeof value === 'string' && textMatches(argument, value, (v, a) => v.startsWith(a))
    case 'suffix':
      return typeof value === 'string' && textMatches(argument, value, (v, a) => v.endsWith(a))
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(argument).toLowerCase()
    case 'wildcard':
      return typeof value === 'string' && wildcard(String(argument)).test(value)
    case 'numeric':
      return typeof value === 'number' && numeric(argument as (string | number)[], value)
    case 'cidr':
      return typeof value === 'string' && inCidr(String(argument), value)
    case 'anything-but':
      return !anythingBut(argument, value)
    default:
      throw new Error(`unsupported event pattern operator "${name}"`)
  }
}

/** What `anything-but` excludes: a value, a list of values, or a prefix/suffix/case/wildcard operator. */
function anythingBut(excluded: unknown, value: Leaf): boolean {
  if (Array.isArray(excluded)) return excluded.some((e) => equal(e as Leaf, value))
  if (isObject(excluded)) {
    const [name, argument] = Object.entries(excluded)[0] ?? []
    // anything-but { equals-ignore-case: [...] } takes a list too.
    if (Array.isArray(argument)) return argument.some((a) => matchesOperator({ [name!]: a }, value))
    return matchesOperator(excluded, value)
  }
  return equal(excluded as Leaf, value)
}

function textMatches(argument: unknown, value: string, test: (value: string, argument: string) => boolean): boolean {
  if (isObject(argument) && 'equals-ignore-case' in argument) return test(value.toLowerCase(), String(argument['equals-ignore-case']).toLowerCase())
  return test(value, String(argument))
}

const equal = (expected: Leaf, value: Leaf) => expected === value

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
}

function numeric(conditions: (string | number)[], value: number): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const compare = COMPARE[String(conditions[i])]
    if (!compare) throw new Error(`unsupported numeric operator "${conditions[i]}"`)
    if (!compare(value, Number(conditions[i + 1]))) return false
  }
  return true
}

/** `*` matches any run of characters; `\*` is a literal star. */
const wildcard = (pattern: string): RegExp =>
  new RegExp(`^${pattern.split(/(?<!\\)\*/).map((part) => part.replaceAll('\\*', '*').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's')

function inCidr(cidr: string, address: string): boolean {
  const [network, bits] = cidr.split('/')
  const toNumber = (ip: string) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0)
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(address) || !network) return false
  const mask = bits === undefined ? 0xffffffff : Number(bits) === 0 ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0
  return ((toNumber(address) & mask) >>> 0) === ((toNumber(network) & mask) >>> 0)
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
