import type { CommandDefinition, HttpExposure, HttpMethod, QueryParameter, ServiceInfo } from '../builders/types.ts'
import type { Address } from '../core/envelope.ts'
import { pathVariants } from './route-path.ts'

/** The sender of every command that comes in over HTTP, whatever serves it. */
export const HTTP_SENDER: Address = { serviceName: 'HttpServer', serviceVersion: '1', serviceTarget: 'http' }

export interface HttpRoute {
  service: ServiceInfo
  command: CommandDefinition
  http: HttpExposure
  /** The command's address, built once rather than per request. */
  receiver: Address
  method: HttpMethod
  /** Full path, e.g. /api/v1/users/:userId, or /api/v1/users/:userId? when the parameter is optional */
  path: string
}

export type RouteMatch =
  | { kind: 'found'; route: HttpRoute; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' }

export const routePath = (serviceVersion: string, path: string): string => `/api/v${serviceVersion}/${path}`.replace(/\/+$/, '')

export function collectRoutes(services: { info: ServiceInfo; commandDefinitions: readonly CommandDefinition[] }[]): HttpRoute[] {
  return services.flatMap((s) =>
    s.commandDefinitions.flatMap((command) =>
      command.http
        ? [
            {
              service: s.info,
              command,
              http: command.http,
              receiver: { serviceName: s.info.serviceName, serviceVersion: s.info.serviceVersion, serviceTarget: command.commandName },
              method: command.http.method,
              path: routePath(s.info.serviceVersion, command.http.path),
            },
          ]
        : [],
    ),
  )
}

interface CompiledRoute {
  route: HttpRoute
  segments: string[]
}

/**
 * Static paths resolve with one map lookup; paths with parameters are compared segment by segment.
 * Static segments win over parameters, so `users/me` beats `users/:userId`.
 */
export function createRouter(routes: HttpRoute[]): (method: string, path: string) => RouteMatch {
  // A static route's match is built once: a request to it allocates nothing here.
  const byPath = new Map<string, Map<string, RouteMatch & { kind: 'found' }>>()
  const dynamic: CompiledRoute[] = []
  for (const route of routes) {
    // An optional parameter makes one route match several paths: each is compiled on its own.
    for (const path of pathVariants(route.path)) {
      if (path.includes('/:')) {
        dynamic.push({ route, segments: path.split('/') })
      } else {
        const methods = byPath.get(path) ?? new Map<string, RouteMatch & { kind: 'found' }>()
        methods.set(route.method, { kind: 'found', route, params: NO_PARAMS })
        byPath.set(path, methods)
      }
    }
  }
  dynamic.sort((a, b) => specificity(b.segments) - specificity(a.segments))

  return (method, rawPath) => {
    const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath
    const exact = byPath.get(path)
    const hit = exact?.get(method)
    if (hit) return hit
    const allowed = exact ? [...exact.keys()] : []
    const parts = path.split('/')
    for (const candidate of dynamic) {
      const params = matchSegments(candidate.segments, parts)
      if (!params) continue
      if (candidate.route.method === method) return { kind: 'found', route: candidate.route, params }
      allowed.push(candidate.route.method)
    }
    return allowed.length ? { kind: 'method-not-allowed', allowed: [...new Set(allowed)] } : { kind: 'not-found' }
  }
}

/** The parameters of a static path: shared by every match, so frozen. */
const NO_PARAMS: Record<string, string> = Object.freeze({})

const specificity = (segments: string[]) => segments.filter((s) => !s.startsWith(':')).length

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!
    const actual = parts[i]!
    if (expected.startsWith(':')) {
      if (!actual) return undefined
      try {
        params[expected.slice(1)] = decodeURIComponent(actual)
      } catch {
        return undefined
      }
    } else if (expected !== actual) {
      return undefined
    }
  }
  return params
}

/** A command's parameter object: its declared query parameters (first value wins), then the path parameters. */
export function commandParameter(declared: readonly QueryParameter[], query: string, pathParameters: Record<string, string>): Record<string, string> {
  const parameter: Record<string, string> = {}
  if (query && declared.length) {
    const search = new URLSearchParams(query)
    for (const { name } of declared) {
      const value = search.get(name)
      if (value !== null) parameter[name] = value
    }
  }
  return Object.assign(parameter, pathParameters)
}
