import { execFile } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const HOOK = fileURLToPath(new URL('./register-hook.mjs', import.meta.url))

/**
 * Synthesizes the generated CDK app into cdkOut, as `cdk synth` would: the app command of cdk.json
 * with the context of cdk.json (so CloudFormation validation runs here too).
 */
export function synthesize(cdkDir: string, cdkOut: string): Promise<void> {
  const cdkJson = JSON.parse(readFileSync(join(cdkDir, 'cdk.json'), 'utf8')) as { app: string; context?: Record<string, unknown> }
  const [command, ...args] = cdkJson.app.split(' ')
  if (command !== 'node') throw new Error(`cdk.json runs "${cdkJson.app}"; the local runner runs node apps only`)
  rmSync(cdkOut, { recursive: true, force: true })
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', HOOK, ...args],
      { cwd: cdkDir, env: { ...process.env, CDK_OUTDIR: cdkOut, CDK_CONTEXT_JSON: JSON.stringify(cdkJson.context ?? {}) }, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => (error ? reject(new Error(`CDK synth of ${cdkDir} failed:\n${stderr || error.message}`)) : resolve()),
    )
  })
}
