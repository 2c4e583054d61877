import { HandledError, StatusCode } from '../core/errors.ts'

/**
 * Whether a subscription's run failed for something that passes by itself: 503, the broker or a
 * service it calls is unavailable (during an outage, or while a service reconnects). Such an event
 * is offered again, every RETRY_DELAY_MS, instead of being dropped as a failure of its own.
 */
export const transient = (error: unknown): boolean => error instanceof HandledError && error.errorCode === StatusCode.ServiceUnavailable

/** How long a transiently failed event waits before it runs again: the bridges reconnect every few hundred ms. */
export const RETRY_DELAY_MS = 1_000
