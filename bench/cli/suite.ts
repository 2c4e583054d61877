import { median, runNode } from '../lib.ts'

/** CLI start: the built package against the sources run through tsx, in one run. */
export async function cliSuite(log: (line: string) => void): Promise<string> {
  log('cli: purista --help and purista inspect, built (lib/) against tsx (sources)')
  const ms = await runNode<Record<'help' | 'inspect', Record<'built' | 'tsx', number[]>>>('bench/cli/start.ts')
  const row = (label: string, runs: Record<'built' | 'tsx', number[]>) =>
    `| ${label} | ${median(runs.built).toFixed(0)} | ${median(runs.tsx).toFixed(0)} | ${(median(runs.tsx) / median(runs.built)).toFixed(2)}× |`
  const help = median(ms.help.built)
  return [
    '## CLI start',
    '',
    `Wall time from spawning node to exit, median of ${ms.help.built.length} interleaved runs. Built: \`node lib/cli/main.js\`, what \`npx purista\` runs from the package. tsx: \`node cli/bin.mjs\`, the same CLI compiled from its TypeScript sources at every start (how it ran before the package was built). \`inspect\` reads and analyzes the user-email fixture.`,
    '',
    '| command | built ms | tsx ms | built is faster by |',
    '|---|---:|---:|---:|',
    row('purista --help', ms.help),
    row('purista inspect', ms.inspect),
    '',
    `Target \`purista --help\` ≤ 150 ms: **${help <= 150 ? 'met' : 'not met'}** (${help.toFixed(0)} ms).`,
  ].join('\n')
}
