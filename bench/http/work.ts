import { z } from 'zod'

/** The work every HTTP peer does per request: validate the body, build the answer, validate the answer. */
export const inputSchema = z.object({ email: z.string().email(), name: z.string().min(1) })
export const outputSchema = z.object({ userId: z.string(), email: z.string(), name: z.string() })

let next = 0
export const register = (input: z.infer<typeof inputSchema>) => ({ userId: `u${next++}`, ...input })

export const BODY = JSON.stringify({ email: 'ada@example.com', name: 'Ada Lovelace' })
