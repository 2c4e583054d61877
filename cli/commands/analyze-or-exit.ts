import type { AppModel } from '../../compiler/model/app-model.ts'

/** The AppModel of the project, or the diagnostics on stderr and exit code 1. */
export async function analyzeOrExit(configPath: string): Promise<AppModel> {
  const [{ analyze }, { loadConfig }, { hasErrors }, { formatDiagnostics }] = await Promise.all([
    import('../../compiler/analyze/analyze.ts'),
    import('../../compiler/config/load-config.ts'),
    import('../../compiler/diagnostics.ts'),
    import('../format.ts'),
  ])
  const loaded = loadConfig(configPath)
  const diagnostics = [...loaded.diagnostics]
  const result = loaded.config && analyze(loaded.config)
  if (result) diagnostics.push(...result.diagnostics)
  if (diagnostics.length) process.stderr.write(formatDiagnostics(diagnostics) + '\n')
  if (!result || hasErrors(diagnostics)) process.exit(1)
  return result.model
}
