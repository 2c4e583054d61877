import type { ResourceProvider } from '../../compiler/config/resource-providers.ts'

/**
 * The lines of a generated function module that make its service's resources, and the `resources`
 * part it hands the function. `wrap` names a function the made promise passes through (azure's
 * resource-once, so the functions of one worker share one); without it each module makes its own.
 */
export function resourceLines(resources: Record<string, ResourceProvider> | undefined, wrap?: string): { lines: string[]; part: string | false } {
  const entries = Object.entries(resources ?? {})
  if (!entries.length) return { lines: [], part: false }
  const made = (i: number) => (wrap ? `await ${wrap}(resource${i})` : `await resource${i}()`)
  return {
    lines: [
      ...entries.map(([, provider], i) => `import { ${provider.export} as resource${i} } from ${JSON.stringify(provider.file)}`),
      // Top-level await: made when the module loads, shared by every call it serves.
      `const resources = { ${entries.map(([name], i) => `${JSON.stringify(name)}: ${made(i)}`).join(', ')} }`,
    ],
    part: 'resources',
  }
}
