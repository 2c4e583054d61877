/** The client side of every broker benchmark: the same calls, timed the same way. */
export interface RoundTrips {
  p50Ms: number
  p99Ms: number
  callsPerSec: number
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

/** The instruction count suite sets BENCH_SEQUENTIAL and BENCH_SECONDS=0: a given number of sequential calls, nothing in flight. */
const fromEnv = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback)

export async function measureRoundTrips(
  call: (i: number) => Promise<unknown>,
  { sequential = fromEnv('BENCH_SEQUENTIAL', 2_000), inFlight = 100, seconds = fromEnv('BENCH_SECONDS', 3) } = {},
): Promise<RoundTrips> {
  const answer = (await call(1)) as { sum?: number }
  if (answer?.sum !== 2) throw new Error(`wrong answer: ${JSON.stringify(answer)}`)
  for (let i = 0; i < 500; i++) await call(i) // warm-up

  const latencies: number[] = []
  for (let i = 0; i < sequential; i++) {
    const started = performance.now()
    await call(i)
    latencies.push(performance.now() - started)
  }
  latencies.sort((a, b) => a - b)

  let done = 0
  const end = performance.now() + seconds * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: inFlight }, async (_, lane) => {
      for (let i = lane; performance.now() < end; i += inFlight) {
        await call(i)
        done++
      }
    }),
  )
  return { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), callsPerSec: (done / (performance.now() - started)) * 1000 }
}

/** Servers print this line once they serve. */
export const READY = JSON.stringify({ msg: 'ready' })
