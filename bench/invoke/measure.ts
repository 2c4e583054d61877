/**
 * Calls `call` sequentially (each awaited before the next) in rounds of ~1 s after a warm-up,
 * and prints { callsPerSec: [...] } for the orchestrator.
 */
export async function measureSequential(call: (i: number) => Promise<unknown>, rounds = 5, roundMs = 1_000) {
  const check = await call(1)
  if ((check as { sum?: number })?.sum !== 2) throw new Error(`wrong answer: ${JSON.stringify(check)}`)
  const run = async (ms: number) => {
    const end = performance.now() + ms
    let calls = 0
    const started = performance.now()
    while (performance.now() < end) {
      for (let i = 0; i < 256; i++) await call(i)
      calls += 256
    }
    return (calls / (performance.now() - started)) * 1000
  }
  await run(500)
  const callsPerSec: number[] = []
  for (let r = 0; r < rounds; r++) callsPerSec.push(await run(roundMs))
  console.log(JSON.stringify({ callsPerSec }))
}
