/** What every broker accepts in its names (the same rule purista.config.ts's namespace follows). */
const NAMESPACE = /^[A-Za-z0-9_-]+$/

export const NAMESPACE_VARIABLE = 'PURISTA_NAMESPACE'

/**
 * The namespace every broker name starts with: $PURISTA_NAMESPACE when set, so one build runs as
 * staging and production on one broker, else the one the build was given.
 */
export function brokerNamespace(built: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[NAMESPACE_VARIABLE]
  if (value === undefined || value === '') return built
  if (!NAMESPACE.test(value)) throw new Error(`${NAMESPACE_VARIABLE} "${value}" is not a namespace: use letters, digits, - and _ only, what every broker accepts in its names`)
  return value
}
