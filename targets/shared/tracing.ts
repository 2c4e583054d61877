import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ResolvedConfig } from '../../compiler/config/load-config.ts'
import { sourceFile } from '../../compiler/package-files.ts'
import type { TracedProcess } from '../../runtime/tracing/otel/start-tracing.ts'

/*
 * Tracing is decided at build time (purista.config.ts telemetry.tracing): a bundle built without it
 * carries no OpenTelemetry code at all, one built with it sets the SDK up before anything else runs
 * and exports only when an OTLP endpoint is configured where it runs.
 */

/** What a traced bundle imports from the user's project: purista's optional peers. */
export const TRACING_PACKAGES = ['@opentelemetry/api', '@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/resources', '@opentelemetry/sdk-trace-base']

export const tracingPackages = (config: Pick<ResolvedConfig, 'telemetry'>): string[] => (config.telemetry.tracing ? TRACING_PACKAGES : [])

/**
 * The export settings a deployment passes to every process of a traced build. OTEL_SERVICE_NAME is
 * left out: each container already has its own name in traces.
 */
export const OTEL_SETTINGS = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG', 'OTEL_RESOURCE_ATTRIBUTES']

/** The process as traces name it (OTEL_SERVICE_NAME overrides), or undefined when the build does not trace. */
export function tracedProcess(config: Pick<ResolvedConfig, 'telemetry' | 'projectRoot'>, serviceName: string): TracedProcess | undefined {
  if (!config.telemetry.tracing) return undefined
  const version = projectVersion(config.projectRoot)
  return version ? { serviceName, serviceVersion: version } : { serviceName }
}

/** service.version: the version in the project's package.json, if it has one. */
function projectVersion(projectRoot: string): string | undefined {
  const file = join(projectRoot, 'package.json')
  if (!existsSync(file)) return undefined
  const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }
  return typeof version === 'string' ? version : undefined
}

/** The lines of a generated entry that start tracing; the call runs before the entry builds any service. */
export const tracingEntryLines = (process: TracedProcess): string[] => [
  `import { startTracing } from ${JSON.stringify(sourceFile('runtime/tracing/otel/start-tracing.ts'))}`,
  `startTracing(${JSON.stringify(process)})`,
]
