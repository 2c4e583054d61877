import { join } from 'node:path'
import { fmt, median, runNode, startServerProcess } from '../lib.ts'
import { bundlePeers } from './bundle-peers.ts'
import { READY, type RoundTrips } from './measure.ts'

export interface Peer {
  name: string
  /** purista's own processes are bundled whole, as they ship; a peer's packages load from node_modules. */
  purista?: true
  /** A file and its arguments. */
  server: string[]
  client: string[]
}

const dir = (file: string) => join('bench/broker', file)

export const NATS_PEERS: Peer[] = [
  { name: 'purista NatsBridge', purista: true, server: [dir('purista-server.ts'), 'nats'], client: [dir('purista-client.ts'), 'nats'] },
  { name: 'moleculer NATS transporter', server: [dir('moleculer-server.ts')], client: [dir('moleculer-client.ts')] },
  { name: 'raw nats.js request/reply', server: [dir('raw-nats-server.ts')], client: [dir('raw-nats-client.ts')] },
]

export const AMQP_PEERS: Peer[] = [
  { name: 'purista AmqpBridge', purista: true, server: [dir('purista-server.ts'), 'amqp'], client: [dir('purista-client.ts'), 'amqp'] },
  { name: 'raw amqplib, direct reply-to', server: [dir('raw-amqp-server.ts')], client: [dir('raw-amqp-client.ts')] },
]

/** Builds the peers' files; returns each peer's server and client as node runs them (built file first, then its arguments). */
export async function buildPeers(peers: Peer[]): Promise<Map<Peer, { server: string[]; client: string[] }>> {
  const files = (group: Peer[]) => [...new Set(group.flatMap((p) => [p.server[0]!, p.client[0]!]))]
  const built = await bundlePeers({ purista: files(peers.filter((p) => p.purista)), peers: files(peers.filter((p) => !p.purista)) })
  const run = ([file, ...args]: string[]) => [built.get(file!)!, ...args]
  return new Map(peers.map((p) => [p, { server: run(p.server), client: run(p.client) }]))
}

/** A server ready to answer: it printed READY. */
export const serves = (line: string) => line.includes(READY)

async function measure(peers: Peer[], rounds: number, log: (line: string) => void) {
  const built = await buildPeers(peers)
  const results: Record<string, RoundTrips[]> = Object.fromEntries(peers.map((p) => [p.name, []]))
  for (let round = 1; round <= rounds; round++) {
    for (const peer of peers) {
      log(`broker round ${round}: ${peer.name}`)
      const { server, client: [client, ...clientArgs] } = built.get(peer)!
      // Built JavaScript: plain node runs it, no loader.
      const { stop } = await startServerProcess(peer.name, server, serves)
      try {
        results[peer.name]!.push(await runNode<RoundTrips>(client!, clientArgs))
      } finally {
        await stop()
      }
    }
  }
  return peers.map((p) => {
    const runs = results[p.name]!
    return { name: p.name, callsPerSec: median(runs.map((r) => r.callsPerSec)), p50Ms: median(runs.map((r) => r.p50Ms)), p99Ms: median(runs.map((r) => r.p99Ms)) }
  })
}

// Five, not three: on a shared machine single rounds swing by a third, and a median of five holds.
const ROUNDS = 5

const table = (rows: Awaited<ReturnType<typeof measure>>, ours: string) => {
  const us = rows.find((r) => r.name === ours)!
  return [
    '| client → server | calls/s, 100 in flight | p50 ms, sequential | p99 ms | purista ÷ peer (calls/s) |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${fmt(r.callsPerSec)} | ${r.p50Ms.toFixed(3)} | ${r.p99Ms.toFixed(3)} | ${r.name === ours ? '—' : `${(us.callsPerSec / r.callsPerSec).toFixed(2)}×`} |`),
  ]
}

/** Command round trips between two processes over a real broker, purista against its peers. */
export async function brokerSuite(log: (line: string) => void): Promise<string> {
  const nats = await measure(NATS_PEERS, ROUNDS, log)
  const amqp = await measure(AMQP_PEERS, ROUNDS, log)
  const natsUs = nats[0]!
  const moleculer = nats[1]!
  const amqpUs = amqp[0]!
  const raw = amqp[1]!
  return [
    '## Command round trips across processes over a broker',
    '',
    `A client process calls \`add\` on a server process through the broker on this machine: 2,000 sequential calls for the latency, then 3 s with 100 calls in flight for the throughput. purista validates payload and output and sends the full message envelope with each command (the answer carries the outcome and its ids); Moleculer validates the params; the raw clients send bare JSON. Every process runs built JavaScript under plain node: purista bundled whole by esbuild, as \`purista build\` ships a service, the peers' files bundled with their packages loaded from node_modules. ${ROUNDS} rounds per peer, interleaved, medians.`,
    '',
    '### NATS',
    '',
    ...table(nats, 'purista NatsBridge'),
    '',
    `Target: at least Moleculer's throughput with 100 in flight and no worse p50: throughput **${natsUs.callsPerSec >= moleculer.callsPerSec ? 'met' : 'not met'}** (${(natsUs.callsPerSec / moleculer.callsPerSec).toFixed(2)}×), p50 **${natsUs.p50Ms <= moleculer.p50Ms ? 'met' : 'not met'}** (${natsUs.p50Ms.toFixed(3)} vs ${moleculer.p50Ms.toFixed(3)} ms).`,
    '',
    '### RabbitMQ',
    '',
    ...table(amqp, 'purista AmqpBridge'),
    '',
    `Target: at least raw amqplib's throughput with 100 in flight and no worse p50: throughput **${amqpUs.callsPerSec >= raw.callsPerSec ? 'met' : 'not met'}** (${(amqpUs.callsPerSec / raw.callsPerSec).toFixed(2)}×), p50 **${amqpUs.p50Ms <= raw.p50Ms ? 'met' : 'not met'}** (${amqpUs.p50Ms.toFixed(3)} vs ${raw.p50Ms.toFixed(3)} ms).`,
  ].join('\n')
}
