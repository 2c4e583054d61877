import { median, runNode } from '../lib.ts'

interface InstallRun {
  tarball: { files: number; bytes: number; unpackedBytes: number }
  results: Record<string, { seconds: number[]; bytes: number; packages: number }>
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** The user's first install, purista against PURISTA's own package, in one run. */
export async function installSuite(log: (line: string) => void): Promise<string> {
  log('install: npm install purista zod (packed tarball) against npm install @purista/core zod, in empty projects')
  const run = await runNode<InstallRun>('bench/install/measure.ts')
  const ours = run.results.purista!
  const rows = Object.entries(run.results).map(([name, r]) => `| ${name} zod | ${mb(r.bytes)} | ${r.packages} | ${median(r.seconds).toFixed(1)} |`)
  return [
    '## Install',
    '',
    `\`npm install <package> zod\` in an empty project: node_modules on disk (apparent size) and wall time with npm's cache warm (a first, cold round fills it and is not counted), median of ${ours.seconds.length} rounds. purista is installed from \`npm pack\` of this repository: ${run.tarball.files} files, ${mb(run.tarball.bytes)} packed, ${mb(run.tarball.unpackedBytes)} unpacked. Optional features install their packages when used (README, "Start a project").`,
    '',
    '| install | node_modules | top-level packages | seconds (median) |',
    '|---|---:|---:|---:|',
    ...rows,
    '',
    `Targets ≤ 60 MB: **${ours.bytes <= 60 * 1024 * 1024 ? 'met' : 'not met'}** (${mb(ours.bytes)}); ≤ 25 s: **${median(ours.seconds) <= 25 ? 'met' : 'not met'}** (${median(ours.seconds).toFixed(1)} s).`,
  ].join('\n')
}
