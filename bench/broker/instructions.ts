import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fmt, REPO, runNode, startServerProcess, type Launch } from '../lib.ts'
import { AMQP_PEERS, buildPeers, NATS_PEERS, serves, type Peer } from './suite.ts'

/**
 * Instructions one sequential command round trip costs the client and the server process, counted
 * by valgrind (cachegrind, no cache simulation). A count, not a time: it does not follow the shared
 * machine's speed, which swings sequential latencies by a third, and it shows which side a difference
 * is on. How much of the JIT's one-off compiling lands inside the window still varies between runs,
 * so peers are compared within one run.
 * The measured process runs the same client twice, with SHORT and LONG sequential calls; the
 * difference over LONG − SHORT calls leaves out start-up, the warm-up and most of the JIT's work.
 */
const SHORT = 1_500
const LONG = 4_500
const OUT = join(REPO, 'bench/.work/instructions')
type Side = 'client' | 'server'

export const valgrind = (log: string): Launch => ({
  // V8 writes machine code into anonymous memory: valgrind must look for code changes there.
  prefix: ['valgrind', '--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', '--smc-check=all-non-file', `--log-file=${log}`],
  readyWithinMs: 120_000,
})

/** Instructions the `side` process ran, start to exit, with `calls` sequential calls after the warm-up. */
async function count(run: { server: string[]; client: string[] }, side: Side, calls: number): Promise<number> {
  const log = join(OUT, `${side}.log`)
  const [client, ...clientArgs] = run.client
  const { stop } = await startServerProcess(side, run.server, serves, {}, side === 'server' ? valgrind(log) : {})
  try {
    await runNode(client!, clientArgs, { BENCH_SEQUENTIAL: String(calls), BENCH_SECONDS: '0' }, side === 'client' ? valgrind(log) : {})
  } finally {
    await stop()
  }
  const refs = /I\s+refs:\s+([\d,]+)/.exec(readFileSync(log, 'utf8'))?.[1]
  if (!refs) throw new Error(`valgrind reported no instruction count in ${log}`)
  return Number(refs.replaceAll(',', ''))
}

async function perCall(peers: Peer[], log: (line: string) => void) {
  const built = await buildPeers(peers)
  const rows = []
  for (const peer of peers) {
    const costs = {} as Record<Side, number>
    for (const side of ['client', 'server'] as const) {
      log(`instructions: ${peer.name}, ${side}`)
      const [short, long] = [await count(built.get(peer)!, side, SHORT), await count(built.get(peer)!, side, LONG)]
      costs[side] = (long - short) / (LONG - SHORT)
    }
    rows.push({ name: peer.name, ...costs })
  }
  return rows
}

const table = (rows: Awaited<ReturnType<typeof perCall>>) => {
  const us = rows[0]!
  return [
    '| client → server | client instructions a call | server instructions a call | both | purista ÷ peer |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${fmt(r.client)} | ${fmt(r.server)} | ${fmt(r.client + r.server)} | ${r === us ? '—' : `${((us.client + us.server) / (r.client + r.server)).toFixed(2)}×`} |`),
  ]
}

/** Instructions a sequential round trip costs each process, purista beside the peer each target names. */
export async function instructionSuite(log: (line: string) => void): Promise<string> {
  try {
    execFileSync('valgrind', ['--version'])
  } catch {
    throw new Error('the instructions suite needs valgrind: apt-get install valgrind')
  }
  mkdirSync(OUT, { recursive: true })
  // The peer each target names: Moleculer on NATS (raw nats.js is only reported beside it), raw amqplib on RabbitMQ.
  const nats = await perCall(NATS_PEERS.slice(0, 2), log)
  const amqp = await perCall(AMQP_PEERS, log)
  return [
    '## Instructions a command round trip costs, per process',
    '',
    `The broker benches' client and server, counted by valgrind (cachegrind, no cache simulation) instead of timed: each process runs once with ${fmt(SHORT)} and once with ${fmt(LONG)} sequential calls after the warm-up, and the difference is divided by the ${fmt(LONG - SHORT)} calls between. A count does not depend on how fast the shared machine runs at the moment, and it says which process a difference is in; it still moves between runs (by up to half: mostly the JIT compiler's one-off work, which falls partly inside the window), so compare peers within one run, as ratios. The broker's own work is not counted. Sequential calls run cold (each process sleeps while the others work), so what a process runs on the call's path shows in the p50.`,
    '',
    '### NATS',
    '',
    ...table(nats),
    '',
    '### RabbitMQ',
    '',
    ...table(amqp),
  ].join('\n')
}
