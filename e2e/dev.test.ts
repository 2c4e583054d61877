import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLI, removeProject, scratchProject, startNode, type RunningProcess } from './helpers.ts'

const ping = (answer: string) => `import { svcBuilder } from './builder.js'
export const ping = svcBuilder
  .getCommandBuilder('ping', 'answers')
  .exposeAsHttpEndpoint('GET', 'ping')
  .setCommandFunction(async () => '${answer}')
`
const files = {
  'purista.config.ts': `import { defineConfig } from 'purista/config'\nexport default defineConfig({ name: 'dev-app', src: 'src' })\n`,
  'src/builder.ts': `import { ServiceBuilder } from 'purista'\nexport const svcBuilder = new ServiceBuilder({ serviceName: 'Svc', serviceVersion: '1', serviceDescription: 'x' })\n`,
  'src/ping.ts': ping('pong 1'),
  'src/service.ts': `import { svcBuilder } from './builder.js'\nimport { ping } from './ping.js'\nexport const svc = svcBuilder.addCommandDefinition(ping.getDefinition())\n`,
}

/** Polls until `read` returns what `done` accepts; fails with the last value after the timeout. */
async function eventually<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The pids of processes running a bundle of this project. */
function bundleProcesses(project: string): string[] {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .filter((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        return command.includes(project) && command.includes('index.mjs')
      } catch {
        return false // it exited while we looked
      }
    })
}

test('purista dev on a port something else serves says the port is in use', async () => {
  const taken = createServer()
  await new Promise<void>((resolve) => taken.listen(0, resolve))
  const port = (taken.address() as AddressInfo).port
  const project = scratchProject(files)
  const dev = spawn(process.execPath, [CLI, 'dev', '--config', join(project, 'purista.config.ts'), '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  dev.stderr.on('data', (chunk) => (stderr += chunk))
  try {
    await eventually(() => stderr, (s) => s.includes(`✗ port ${port} is in use: stop what serves there, or pass --port <n>`), 30_000)
  } finally {
    dev.kill('SIGKILL')
    taken.close()
    removeProject(project)
  }
}, 40_000)

describe('purista dev', () => {
  let project: string
  let dev: RunningProcess
  /** What purista dev printed on stderr since it started serving. */
  let stderr = ''
  const url = () => `http://127.0.0.1:${dev.port}/api/v1/ping`
  /** The command's answer; between stopping the old server and the new one listening, nothing answers. */
  const answer = () => fetch(url()).then((response) => response.json() as Promise<string>, () => 'not answering')
  const save = (path: string, contents: string) => writeFileSync(join(project, path), contents)
  /** Waits until stderr has `text` after what it had when called. */
  const printed = (text: string | RegExp, from: number) => eventually(() => stderr.slice(from), (s) => (typeof text === 'string' ? s.includes(text) : text.test(s)))

  beforeAll(async () => {
    project = scratchProject(files)
    dev = await startNode([CLI, 'dev', '--config', join(project, 'purista.config.ts'), '--port', '0'])
    dev.child.stderr!.on('data', (chunk) => (stderr += chunk))
  })
  afterAll(async () => {
    if (dev?.child.exitCode === null) await dev.stop('SIGKILL')
    removeProject(project)
  })

  test('serves the build, and a changed command after a rebuild on the same port', async () => {
    expect(await answer()).toBe('pong 1')
    const from = stderr.length
    save('src/ping.ts', ping('pong 2'))
    await eventually(answer, (a) => a === 'pong 2')
    await printed(new RegExp(`✓ rebuilt in \\d+ ms, \\d+ ms of it restarting · serving on http://localhost:${dev.port}`), from)
  })

  test('a broken build prints its diagnostic and the last good build keeps answering; the fix is served', async () => {
    const from = stderr.length
    const stopsBefore = dev.logs.filter((l) => l.msg === 'SIGTERM received, draining').length
    save('src/ping.ts', ping('pong 3').replace("'pong 3')", "'pong 3'"))
    await printed('src/ping.ts:6:1 error syntax-error', from)
    await printed('still serving the last good build', from)
    expect(await answer()).toBe('pong 2')
    // The server was not even told to stop.
    expect(dev.logs.filter((l) => l.msg === 'SIGTERM received, draining').length).toBe(stopsBefore)

    save('src/ping.ts', ping('pong 3'))
    await eventually(answer, (a) => a === 'pong 3')
  })

  test('a server that exits at start is reported, and the next change tries again', async () => {
    const from = stderr.length
    save('src/builder.ts', files['src/builder.ts'] + `if (!process.env.NEEDED_VALUE) throw new Error('NEEDED_VALUE is not set')\n`)
    await printed('NEEDED_VALUE is not set', from)
    await printed('✗ the server exited (exit code 1) before listening', from)

    save('src/builder.ts', files['src/builder.ts'])
    await eventually(answer, (a) => a === 'pong 3')
  })

  test('SIGTERM stops the watcher and the server: the process exits, the port is closed, no server is left', async () => {
    expect(await dev.stop('SIGTERM')).toBe(0)
    await expect(fetch(url())).rejects.toThrow()
    expect(bundleProcesses(project)).toEqual([])
  })
})
