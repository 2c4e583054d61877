/**
 * The path syntax of exposeAsHttpEndpoint, as PURISTA (on Hono) writes it: literal segments,
 * `:name` parameters and, as the last segments only, optional `:name?` parameters. The analyzer
 * checks paths against it, the router, the OpenAPI document and the Lambda routes read it.
 */

const LITERAL = /^[\w\-.~]*$/
const PARAMETER = /^:(\w+)(\?)?$/

export interface PathParameter {
  name: string
  optional: boolean
}

/** The parameters of a path, in order. */
export function pathParameters(path: string): PathParameter[] {
  return path.split('/').flatMap((segment) => {
    const match = PARAMETER.exec(segment)
    return match ? [{ name: match[1]!, optional: match[2] === '?' }] : []
  })
}

/**
 * What is wrong with a path (relative to /api/v{version}/), or undefined when it is valid.
 * Forms Hono accepts beyond these (`*`, `:id{[0-9]+}`) are named, so the message says what to write instead.
 */
export function routePathProblem(path: string): string | undefined {
  let optionalSeen = false
  const names = new Set<string>()
  for (const segment of path.split('/')) {
    if (segment.includes('*')) return 'wildcard segments (*) are not supported yet: declare a :parameter for each segment'
    if (/^:\w+\{/.test(segment)) return 'regular expressions on path parameters (:id{[0-9]+}) are not supported yet: validate the parameter with addParameterSchema'
    const parameter = PARAMETER.exec(segment)
    if (parameter) {
      // Both would arrive as one key of the parameter object: the second value silently wins.
      if (names.has(parameter[1]!)) return `:${parameter[1]} appears twice: give each path parameter its own name`
      names.add(parameter[1]!)
      if (optionalSeen && !parameter[2]) return `:${parameter[1]} follows an optional parameter: only the last segments can be optional`
      optionalSeen ||= parameter[2] === '?'
    } else if (!LITERAL.test(segment)) {
      return `"${segment}" is neither a literal segment (letters, digits, - . _ ~) nor a :parameter`
    } else if (optionalSeen) {
      return `"${segment}" follows an optional parameter: only the last segments can be optional`
    }
  }
  return undefined
}

/**
 * The concrete paths a path stands for, shortest first: `x/:p/:q?` is `x/:p` and `x/:p/:q`.
 * Where routes cannot be optional (API Gateway), each one becomes a route of its own.
 */
export function pathVariants(path: string): string[] {
  const segments = path.split('/')
  const firstOptional = segments.findIndex((s) => PARAMETER.exec(s)?.[2] === '?')
  if (firstOptional < 0) return [path]
  const variants: string[] = []
  for (let length = firstOptional; length <= segments.length; length++) {
    variants.push(
      segments
        .slice(0, length)
        .map((s) => s.replace(/\?$/, ''))
        .join('/'),
    )
  }
  return variants
}

/** `:name` as OpenAPI and API Gateway write it: `{name}`. Meant for one variant, without optional markers. */
export const bracedPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}')
