import { readFileSync } from 'node:fs'
import { credsAuthenticator, type ConnectionOptions } from 'nats'
import { CONNECTION_VARIABLES } from './connection-variables.ts'

const VARIABLES = CONNECTION_VARIABLES.nats

export interface NatsAuth {
  options: Pick<ConnectionOptions, 'user' | 'pass' | 'token' | 'authenticator' | 'tls'>
  /** The credential variables that were set, to name in an error. */
  credentials: string[]
}

const readNamed = (variable: string, path: string) => {
  try {
    return readFileSync(path)
  } catch (error) {
    throw new Error(`cannot read $${variable} (${path}): ${(error as Error).message}`)
  }
}

/**
 * The sign-in and TLS options from $NATS_USER + $NATS_PASSWORD, $NATS_TOKEN or $NATS_CREDS (a .creds
 * file: JWT and NKey seed), and $NATS_TLS_CA (a PEM file the server's certificate must chain to). An
 * empty variable counts as unset: compose passes `${NATS_USER:-}` through when nothing is set.
 */
export function natsAuthFromEnv(env: NodeJS.ProcessEnv = process.env): NatsAuth {
  const value = (name: string) => env[name] || undefined
  const [user, token, creds, ca] = [value(VARIABLES.user), value(VARIABLES.token), value(VARIABLES.creds), value(VARIABLES.ca)]
  return {
    options: {
      ...(user && { user, pass: value(VARIABLES.password) }),
      ...(token && { token }),
      ...(creds && { authenticator: credsAuthenticator(readNamed(VARIABLES.creds, creds)) }),
      ...(ca && { tls: { ca: readNamed(VARIABLES.ca, ca).toString('utf8') } }),
    },
    credentials: [VARIABLES.user, VARIABLES.password, VARIABLES.token, VARIABLES.creds].filter(value),
  }
}

/** A failed first connection, saying what to fix: the credentials (by variable) or the address. */
export function natsStartError(servers: string | string[], auth: NatsAuth, error: unknown): Error {
  const { code, message } = error as { code?: string; message: string }
  if (code !== 'AUTHORIZATION_VIOLATION') return new Error(`cannot reach NATS at ${servers}: ${message}`)
  if (!auth.credentials.length) return new Error(`NATS at ${servers} requires credentials: set $NATS_USER and $NATS_PASSWORD, $NATS_TOKEN or $NATS_CREDS (${message})`)
  return new Error(`NATS at ${servers} refused the credentials in ${auth.credentials.map((v) => `$${v}`).join(', ')} (${message})`)
}
