import type { CallContext } from '../../../runtime/core/envelope.ts'
import { authenticate, type HttpAuthGuard, type HttpAuthRequest } from '../../../runtime/http/auth-guard.ts'

/** How a protected route runs the app's guard: before the body is read, its principal into the envelope. */
export type RouteGuard = (request: HttpAuthRequest, traceId: string) => Promise<CallContext>

/** The app's auth guard as a protected route runs it. The build imports this only into the functions of protected endpoints. */
export const guardedBy =
  (guard: HttpAuthGuard): RouteGuard =>
  (request, traceId) =>
    authenticate(guard, request, traceId)
