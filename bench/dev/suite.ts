import { median, runNode } from '../lib.ts'

/** `purista dev`: from saving a change to the first answer of the new build. */
export async function devSuite(log: (line: string) => void): Promise<string> {
  log('dev: rebuild-to-serving of user-email under purista dev')
  const r = await runNode<{ rounds: number; changeToAnswerMs: number[]; restartMs: number[] }>('bench/dev/rebuild.ts')
  const row = (label: string, ms: number[]) => `| ${label} | ${median(ms).toFixed(0)} | ${Math.min(...ms).toFixed(0)} | ${Math.max(...ms).toFixed(0)} |`
  return [
    '## purista dev: rebuild to serving',
    '',
    `The user-email fixture under \`purista dev --port 0\` (the CLI from its sources): a command's source is written so that its answer changes, and the time runs from the write to the first HTTP answer of the new build (polled every 5 ms). It covers the 50 ms debounce, config and analysis, the bundle, and the restart: SIGTERM to the old server, then the new one booting until it listens, the only part with no server. ${r.rounds} rounds, 300 ms apart.`,
    '',
    '| | median ms | min | max |',
    '|---|---:|---:|---:|',
    row('change → first answer of the new build', r.changeToAnswerMs),
    row('of it, the restart (nothing answers)', r.restartMs),
  ].join('\n')
}
