import { createClient } from 'redis'
import type { ServiceInfo } from '../builders/types.ts'
import { StatusCode, UnhandledError } from '../core/errors.ts'
import type { StateStore } from './types.ts'

type Client = ReturnType<typeof createClient>

/** One connection per Redis URL and process, shared by every service in it. */
const clients = new Map<string, Promise<Client>>()

function clientFor(url: string): Promise<Client> {
  let client = clients.get(url)
  if (!client) {
    let connected = false
    const created = createClient({
      url,
      // Once connected, ride out an outage; a Redis that never answered is reported, not waited for.
      socket: { connectTimeout: 2_000, reconnectStrategy: (retries, cause) => (connected || retries < 3 ? Math.min(retries * 100, 2_000) : cause) },
      // While Redis is away, calls fail at once (a 503) instead of queueing behind the outage.
      disableOfflineQueue: true,
    })
    created.on('ready', () => (connected = true))
    // Connection errors surface on the calls that need Redis; this keeps them from crashing the process.
    created.on('error', () => {})
    client = created.connect().then(() => created)
    client.catch(() => clients.delete(url))
    clients.set(url, client)
  }
  return client
}

export interface RedisStateStoreOptions {
  service: ServiceInfo
  /** Default: $REDIS_URL, else redis://127.0.0.1:6379. */
  url?: string
  /** Starts every key, so apps sharing a Redis stay apart. */
  prefix?: string
}

/**
 * State shared by every instance of a service: keys are <prefix>:<service>:<version>:<name>, values
 * JSON. A user registered through one instance is found through another.
 */
export class RedisStateStore implements StateStore {
  private readonly url: string
  private readonly namespace: string

  constructor(options: RedisStateStoreOptions) {
    this.url = options.url ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
    this.namespace = `${options.prefix ?? 'purista'}:${options.service.serviceName}:${options.service.serviceVersion}:`
  }

  async getState(...names: string[]) {
    if (names.length === 0) return {}
    const values = await this.call((client) => client.mGet(names.map((n) => this.namespace + n)))
    return Object.fromEntries(names.map((name, i) => [name, values[i] == null ? undefined : JSON.parse(values[i]!)]))
  }

  async setState(name: string, value: unknown) {
    await this.call((client) => client.set(this.namespace + name, JSON.stringify(value)))
  }

  async removeState(name: string) {
    await this.call((client) => client.del(this.namespace + name))
  }

  /** Redis being away is our problem, not the caller's: a 503 with the reason in the log. */
  private async call<T>(work: (client: Client) => Promise<T>): Promise<T> {
    try {
      return await work(await clientFor(this.url))
    } catch (error) {
      throw new UnhandledError(StatusCode.ServiceUnavailable, `state store (Redis at ${this.url}) failed: ${(error as Error).message}`)
    }
  }
}

/** Closes every connection this process opened (tests; a deployed process exits right after draining). */
export async function closeRedisClients(): Promise<void> {
  const open = [...clients.values()]
  clients.clear()
  await Promise.allSettled(open.map(async (client) => (await client).quit()))
}
