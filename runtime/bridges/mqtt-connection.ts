import { readFileSync } from 'node:fs'
import type { IClientOptions } from 'mqtt'
import { CONNECTION_VARIABLES } from './connection-variables.ts'

const VARIABLES = CONNECTION_VARIABLES.mqtt

export interface MqttAuth {
  options: Pick<IClientOptions, 'username' | 'password' | 'ca'>
  /** The credential variables that were set, to name in an error. */
  credentials: string[]
}

/**
 * Sign-in and TLS from $MQTT_USERNAME + $MQTT_PASSWORD and $MQTT_TLS_CA (a PEM file the broker's
 * certificate must chain to); TLS itself is the URL's scheme (mqtts://). An empty variable counts as unset.
 */
export function mqttAuthFromEnv(env: NodeJS.ProcessEnv = process.env): MqttAuth {
  const [username, password, ca] = [env[VARIABLES.username] || undefined, env[VARIABLES.password] || undefined, env[VARIABLES.ca] || undefined]
  let caFile: Buffer | undefined
  try {
    caFile = ca ? readFileSync(ca) : undefined
  } catch (error) {
    throw new Error(`cannot read $${VARIABLES.ca} (${ca}): ${(error as Error).message}`)
  }
  return {
    options: { ...(username && { username }), ...(password && { password }), ...(caFile && { ca: caFile }) },
    credentials: [...(username ? [VARIABLES.username] : []), ...(password ? [VARIABLES.password] : [])],
  }
}

/** CONNACK codes that refuse the sign-in: MQTT 5's bad user name or password and not authorized, MQTT 3's 4 and 5. */
const REFUSED = new Set([134, 135, 4, 5])

/** A failed first connection, saying what to fix: the credentials (by variable) or the address. */
export function mqttStartError(url: string, auth: MqttAuth, error: unknown): Error {
  const { code, message } = error as { code?: number; message: string }
  if (code === undefined || !REFUSED.has(code)) return new Error(`cannot reach the MQTT broker at ${url}: ${message}`)
  if (!auth.credentials.length) return new Error(`the MQTT broker at ${url} requires credentials: set $${VARIABLES.username} and $${VARIABLES.password} (${message})`)
  return new Error(`the MQTT broker at ${url} refused the credentials in ${auth.credentials.map((v) => `$${v}`).join(' and ')} (${message})`)
}
