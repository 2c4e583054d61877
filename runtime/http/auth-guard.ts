import type { CallContext } from '../core/envelope.ts'
import { HandledError, StatusCode } from '../core/errors.ts'

/** What an auth guard sees of a request to a protected endpoint. */
export interface HttpAuthRequest {
  method: string
  /** The path as requested, without the query string. */
  path: string
  /** Header names are lowercase. */
  headers: Readonly<Record<string, string | string[] | undefined>>
}

/** Who is calling: carried in the envelope of the command and of everything it causes. */
export interface HttpPrincipal {
  principalId: string
  tenantId?: string
}

/**
 * The app's authentication, named in purista.config.ts (http.authGuard) and run before every
 * endpoint that is not public, ahead of reading the body. It returns the principal, or throws a
 * HandledError: 401 when the caller is not known (returning nothing means the same), 403 when it is
 * known and refused. PURISTA's Hono server calls this its protect middleware.
 */
export type HttpAuthGuard = (request: HttpAuthRequest) => HttpPrincipal | undefined | Promise<HttpPrincipal | undefined>

/** The call context of an authenticated request, or the guard's refusal. */
export async function authenticate(guard: HttpAuthGuard, request: HttpAuthRequest, traceId: string): Promise<CallContext> {
  const principal = await guard(request)
  if (!principal?.principalId) throw new HandledError(StatusCode.Unauthorized, 'authentication required')
  return { traceId, principalId: principal.principalId, tenantId: principal.tenantId }
}
