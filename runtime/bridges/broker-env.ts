import { Socket } from 'node:net'

/**
 * Whether a broker answers on host:port. Tests use it to say clearly that a broker is missing;
 * under CI=true a missing broker fails the run instead of skipping its tests.
 */
export function brokerAvailable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = new Socket()
    socket.setTimeout(500)
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('timeout', () => (socket.destroy(), resolve(false)))
    socket.once('error', () => resolve(false))
    socket.connect(Number(port), hostname)
  })
}

export async function requireBroker(name: string, url: string): Promise<boolean> {
  if (await brokerAvailable(url)) return true
  if (process.env.CI === 'true') throw new Error(`${name} is not reachable at ${url}, and CI must run its tests: start it (see MACHINE.md)`)
  return false
}
