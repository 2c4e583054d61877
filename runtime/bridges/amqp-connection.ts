import { readFileSync } from 'node:fs'
import { CONNECTION_VARIABLES } from './connection-variables.ts'

const { ca: CA } = CONNECTION_VARIABLES.amqp

/**
 * The socket options of the RabbitMQ connection. Credentials and TLS are part of $AMQP_URL
 * (`amqps://user:password@host:5671/vhost`); $AMQP_TLS_CA adds a PEM file the server's certificate
 * must chain to (a private CA). An empty variable counts as unset.
 */
export function amqpSocketOptions(env: NodeJS.ProcessEnv = process.env): { noDelay: boolean; ca?: Buffer[] } {
  const ca = env[CA] || undefined
  // noDelay: commands and answers are small frames; Nagle's algorithm held each back for milliseconds.
  if (!ca) return { noDelay: true }
  try {
    return { noDelay: true, ca: [readFileSync(ca)] }
  } catch (error) {
    throw new Error(`cannot read $${CA} (${ca}): ${(error as Error).message}`)
  }
}

/** The URL without its password, for logs and errors. */
export const withoutPassword = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@')

/** A failed connection, saying what to fix: the user and password (where they come from) or the address. */
export function amqpStartError(url: string, from: string, error: unknown): Error {
  const message = (error as Error).message
  // RabbitMQ closes the handshake with 403 ACCESS_REFUSED for an unknown user, a wrong password or a vhost the user may not open.
  if (/ACCESS[-_]REFUSED|\b403\b/.test(message)) return new Error(`RabbitMQ at ${withoutPassword(url)} refused the user and password in ${from} (amqp://user:password@host/vhost): ${message}`)
  return new Error(`cannot reach RabbitMQ at ${withoutPassword(url)}: ${message}`)
}
