import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BODY } from './work.ts'

export interface LoadResult {
  requestsPerSec: number
  latencyP50Ms: number
  latencyP99Ms: number
  non2xx: number
}

const script = join(tmpdir(), 'purista-bench-post.lua')
writeFileSync(script, `wrk.method = "POST"\nwrk.headers["content-type"] = "application/json"\nwrk.body = ${JSON.stringify(BODY)}\n`)

const ms = (text: string | undefined) => {
  const match = /([\d.]+)(us|ms|s)/.exec(text ?? '')
  if (!match) return NaN
  const value = Number(match[1])
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value
}

/**
 * wrk (C, one thread) in its own process: a load generator in JavaScript would need a core of
 * its own to keep up, and this machine has two.
 */
export function load(port: number, seconds: number, connections = 64): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    execFile('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, `http://127.0.0.1:${port}/api/v1/users`], (error, stdout) => {
      if (error) return reject(new Error(`wrk failed (apt-get install wrk): ${error.message}`))
      resolve({
        requestsPerSec: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]),
        latencyP50Ms: ms(/\s50%\s+(\S+)/.exec(stdout)?.[1]),
        latencyP99Ms: ms(/\s99%\s+(\S+)/.exec(stdout)?.[1]),
        non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0),
      })
    })
  })
}
