/**
 * Rebuild-to-serving under `purista dev` for the user-email fixture: a command's source is changed
 * so that its answer changes, and the time runs from the write to the first HTTP answer of the new
 * build. The client polls every 5 ms, so a result is at most that much late. purista dev's own
 * line for each rebuild gives the part of it with no server (the restart).
 */
import { spawn } from 'node:child_process'
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from '../lib.ts'

const ROUNDS = 15
const POLL_MS = 5
const app = join(REPO, 'bench/.work/dev/app')
rmSync(app, { recursive: true, force: true })
cpSync(join(REPO, 'fixtures/user-email'), app, { recursive: true })
const command = join(app, 'src/service/email/v1/command/listSentMails/listSentMails.ts')
const original = readFileSync(command, 'utf8')
/** The command, answering with a mail whose subject names the round. */
const changed = (round: number) => original.replace(': []', `: [{ to: parameter.to, subject: 'round ${round}' }]`)
if (changed(0) === original) throw new Error('listSentMails.ts no longer has the line this benchmark changes')

// The server's log lines (purista dev's stdout) are not needed; stderr says what purista dev does.
const dev = spawn(process.execPath, ['cli/bin.mjs', 'dev', '--config', join(app, 'purista.config.ts'), '--port', '0'], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] })
let stderr = ''
dev.stderr.on('data', (chunk) => (stderr += chunk))
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
async function printed(pattern: RegExp, from: number): Promise<RegExpExecArray> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(POLL_MS)) {
    const match = pattern.exec(stderr.slice(from))
    if (match) return match
  }
  throw new Error(`purista dev did not print ${pattern}; it printed:\n${stderr}`)
}

try {
  const port = Number((await printed(/serving on http:\/\/localhost:(\d+)/, 0))[1])
  const subject = () =>
    fetch(`http://127.0.0.1:${port}/api/v1/mails?to=ada@example.com`).then(
      async (response) => ((await response.json()) as { subject: string }[])[0]?.subject,
      () => undefined, // between the old server and the new one
    )
  const changeToAnswerMs: number[] = []
  const restartMs: number[] = []
  for (let round = 1; round <= ROUNDS; round++) {
    const from = stderr.length
    const started = performance.now()
    writeFileSync(command, changed(round))
    while ((await subject()) !== `round ${round}`) await sleep(POLL_MS)
    changeToAnswerMs.push(performance.now() - started)
    restartMs.push(Number((await printed(/(\d+) ms of it restarting/, from))[1]))
    await sleep(300) // let the new server settle before the next change
  }
  process.stdout.write(JSON.stringify({ rounds: ROUNDS, changeToAnswerMs, restartMs }) + '\n')
} finally {
  dev.kill('SIGTERM')
}
