import type { PackageJson } from './templates/project.ts'

/** What `npm init` writes as the test script: a placeholder, not a choice to keep. */
const NPM_INIT_TEST = 'echo "Error: no test specified" && exit 1'

/**
 * The user's package.json with what a purista project needs added: their fields, scripts and
 * dependency versions win; each addition or change is listed, to be printed.
 */
export function mergePackageJson(theirs: PackageJson, wanted: PackageJson): { merged: PackageJson; changes: string[] } {
  const merged: PackageJson = { ...theirs }
  const changes: string[] = []
  if (!merged.name && wanted.name) merged.name = wanted.name

  if (merged.type !== 'module') {
    // The sources are ES modules; "commonjs" (which npm init now writes) would make tsc read them as CommonJS.
    changes.push(merged.type ? `type: "${merged.type}" → "module" (the sources are ES modules)` : 'type: "module"')
    merged.type = 'module'
  }

  const scripts = { ...merged.scripts }
  for (const [name, command] of Object.entries(wanted.scripts ?? {})) {
    if (scripts[name] === undefined || scripts[name] === NPM_INIT_TEST) {
      scripts[name] = command
      changes.push(`script ${name}: ${command}`)
    } else if (scripts[name] !== command) {
      changes.push(`script ${name} kept as it was (purista's would be: ${command})`)
    }
  }
  merged.scripts = scripts

  const declared = (name: string) => [theirs.dependencies, theirs.devDependencies, theirs.peerDependencies].some((deps) => deps?.[name] !== undefined)
  for (const field of ['dependencies', 'devDependencies'] as const) {
    const missing = Object.entries(wanted[field] ?? {}).filter(([name]) => !declared(name))
    if (!missing.length) continue
    merged[field] = { ...theirs[field], ...Object.fromEntries(missing) }
    changes.push(`${field}: ${missing.map(([name, range]) => `${name}@${range}`).join(', ')}`)
  }
  return { merged, changes }
}
