/**
 * How long the CLI takes to answer: `purista --help` and `purista inspect` on the user-email fixture,
 * as the package runs it (lib/, built JavaScript) against the same CLI run from its sources through
 * tsx, as it ran before it was built. Rounds are interleaved; prints JSON with the ms of each run.
 */
import { execFileSync } from 'node:child_process'
import { REPO } from '../lib.ts'

const ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 15)
const clis = { built: ['lib/cli/main.js'], tsx: ['cli/bin.mjs'] }
const commands = { help: ['--help'], inspect: ['inspect', '--config', 'fixtures/user-email/purista.config.ts'] }

const ms: Record<string, Record<string, number[]>> = {}
for (let round = 0; round < ROUNDS; round++) {
  for (const [command, args] of Object.entries(commands)) {
    for (const [cli, entry] of Object.entries(clis)) {
      const started = performance.now()
      execFileSync(process.execPath, [...entry, ...args], { cwd: REPO, stdio: 'ignore' })
      ;((ms[command] ??= {})[cli] ??= []).push(performance.now() - started)
    }
  }
}
process.stdout.write(JSON.stringify(ms) + '\n')
