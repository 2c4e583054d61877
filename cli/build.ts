import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { analyze } from '../compiler/analyze/analyze.ts'
import { bundle, BundleError } from '../compiler/bundle/bundle.ts'
import { replaceDirAtomically } from '../compiler/bundle/atomic-dir.ts'
import { bundleDiagnostic } from '../compiler/bundle/bundle-diagnostic.ts'
import { dropEntries } from '../compiler/bundle/drop-entries.ts'
import { SchemaCompiler } from '../compiler/compiled-schemas/schema-compiler.ts'
import { ModuleLoadError } from '../compiler/load-services/describe-in-child.ts'
import { loadConfig } from '../compiler/config/load-config.ts'
import { installCommand, missingPackages } from '../compiler/optional-packages.ts'
import { hasErrors, type Diagnostic } from '../compiler/diagnostics.ts'
import { checkResourceProviders } from '../compiler/config/resource-providers.ts'
import { checkServiceConfig } from '../compiler/config/service-config-check.ts'
import { typecheck, type TypecheckResult } from '../compiler/typecheck/typecheck.ts'
import { generateOpenApiDocument } from '../compiler/openapi/generate-document.ts'
import { cloudStoreWarnings } from '../targets/shared/stores.ts'
import type { AppModel } from '../compiler/model/app-model.ts'
import { TARGETS } from '../targets/index.ts'
import type { Plan } from '../targets/types.ts'
import { buildImages, type BuiltImage } from './images.ts'

export interface BuildStep {
  name: 'config' | 'typecheck' | 'analyze' | 'plan' | 'bundle' | 'openapi' | 'emit' | 'images'
  ms: number
  detail: string
  /** The step ran but found errors (an invalid config, a type error): its line says so. */
  failed?: boolean
}

export interface BuildReport {
  ok: boolean
  target: string
  outDir?: string
  diagnostics: Diagnostic[]
  steps: BuildStep[]
  files: { path: string; bytes: number }[]
  totalMs: number
  nextSteps: string[]
  model?: AppModel
  images: BuiltImage[]
  /** Whether the project's own TypeScript checked it (ran: false says why not); its errors are among the diagnostics. */
  typecheck?: { ran: true; typescriptVersion: string; ms: number } | { ran: false; reason: string }
}

export interface BuildOptions {
  configPath: string
  target: string
  /** Overrides targets.containers.broker. */
  broker?: 'nats' | 'amqp' | 'mqtt'
  /** Overrides outDir of purista.config.ts: the target's folder is created inside it. */
  outDir?: string
  /** Also build the target's container images through the Docker engine. */
  images?: boolean
  /** Type-check the project with its TypeScript first (purista build does unless --no-typecheck or typecheck: false in the config; dev and start do not: editors check as you type). */
  typecheck?: boolean
  /** Called as each step finishes, so long builds show progress. */
  onStep?: (step: BuildStep) => void
}

/** analyze → plan → bundle → emit. Nothing in the output folder changes unless every step succeeds. */
export async function build(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now()
  const steps: BuildStep[] = []
  const report: BuildReport = { ok: false, target: options.target, diagnostics: [], steps, files: [], totalMs: 0, nextSteps: [], images: [] }
  const step = async <T>(name: BuildStep['name'], run: () => T | Promise<T>, detail: (value: T) => string, failed?: (value: T) => boolean): Promise<T> => {
    const t = performance.now()
    const value = await run()
    const done = { name, ms: performance.now() - t, detail: detail(value), ...(failed?.(value) && { failed: true }) }
    steps.push(done)
    options.onStep?.(done)
    return value
  }
  const finish = () => ((report.totalMs = performance.now() - started), report)

  const target = TARGETS[options.target]
  if (!target) throw new Error(`unknown target "${options.target}"`)

  const loaded = await step('config', () => loadConfig(options.configPath), (r) => (r.config ? relative(process.cwd(), r.config.configFile) || r.config.configFile : 'invalid'), (r) => !r.config)
  report.diagnostics.push(...loaded.diagnostics)
  const config = loaded.config
  if (!config) return finish()
  if (options.broker) config.targets.containers.broker = options.broker
  if (options.outDir) config.outDir = resolve(options.outDir)
  // tsc runs in its own process while the sources are analyzed: most of its time is hidden behind the build's.
  const typechecked = options.typecheck && config.typecheck ? typecheck(config.projectRoot) : undefined

  const analyzed = await step('analyze', () => analyze(config), (r) => summarize(r.model, r.files.length), (r) => hasErrors(r.diagnostics))
  report.diagnostics.push(...analyzed.diagnostics)
  report.model = analyzed.model
  report.diagnostics.push(...checkResourceProviders(analyzed.model, config))
  report.diagnostics.push(...checkServiceConfig(analyzed.model, config))
  report.diagnostics.push(...cloudStoreWarnings(config, target.name))
  report.diagnostics.push(...(target.check?.(analyzed.model, config) ?? []))
  if (typechecked) {
    const result = await step('typecheck', () => typechecked, describeTypecheck, (r) => r.diagnostics.length > 0)
    report.typecheck = result.ran ? { ran: true, typescriptVersion: result.typescriptVersion, ms: result.ms } : { ran: false, reason: result.reason }
    report.diagnostics.push(...result.diagnostics)
  } else report.typecheck = { ran: false, reason: options.typecheck ? 'typecheck: false in purista.config.ts' : options.typecheck === false ? '--no-typecheck' : 'not asked for' }
  if (hasErrors(report.diagnostics)) return finish()

  const plan = await step('plan', () => target.plan(analyzed.model, config), (p) => `${count(p.entries.length, 'entry', 'entries')}, ${count(p.artifacts.length, 'deployment file')}`)
  const missing = missingPackages(plan.packages ?? [])
  if (missing.length) {
    report.diagnostics.push({
      severity: 'error',
      code: 'missing-package',
      message: `the ${target.name} build bundles ${missing.map((name) => `"${name}"`).join(', ')}, not installed in this project`,
      file: relative(config.projectRoot, config.configFile) || config.configFile,
      line: 1,
      column: 1,
      hint: installCommand(missing),
    })
    return finish()
  }
  const outDir = join(config.outDir, target.name)
  try {
    // Generated while bundling: both read the user's modules, neither needs the other.
    const documents = openApiArtifacts(plan, () => step('openapi', () => generateOpenApiDocument(analyzed.model, config), (json) => `${Buffer.byteLength(json)} bytes`))
    report.files = await replaceDirAtomically(outDir, async (staging) => {
      const schemas = plan.bundle?.compiledValidators ? await SchemaCompiler.forProject(config.projectRoot) : undefined
      const bundleInto = (entries: Pick<Plan, 'entries' | 'modules'>, zodLite = plan.bundle?.zodLite) => bundle({ ...entries, outDir: staging, resolveDir: config.projectRoot, ...plan.bundle, zodLite, schemas })
      const bundled = await step(
        'bundle',
        async () => {
          const first = await bundleInto(plan)
          const revised = plan.revise?.(first.metafile)
          if (!revised) return first
          // Only the revised entries are bundled again, into the same folder; each pass lists every file in it.
          const again: [Pick<Plan, 'entries' | 'modules'>, boolean][] = [[revised, false]]
          if (revised.zodLite) again.push([revised.zodLite, true])
          const passes = again.filter(([group]) => group.entries.length)
          dropEntries(first.metafile, config.projectRoot, new Set(passes.flatMap(([group]) => group.entries.map((entry) => entry.out))))
          let last = first
          for (const [group, zodLite] of passes) last = await bundleInto(group, zodLite)
          return last
        },
        (b) => count(b.files.length, 'file') + (schemas ? `, ${compiledSummary(schemas, config.projectRoot)}` : ''),
      )
      const artifacts = [...plan.artifacts, ...(await documents)]
      await step('emit', () => artifacts.forEach((a) => writeArtifact(staging, a.path, a.contents)), () => count(artifacts.length, 'file'))
      return [...bundled.files, ...artifacts.map((a) => ({ path: a.path, bytes: Buffer.byteLength(a.contents) }))].sort((a, b) => a.path.localeCompare(b.path))
    }, plan.keep)
  } catch (error) {
    if (error instanceof OpenApiError) {
      report.diagnostics.push({ severity: 'error', code: 'bundle-error', file: '.', line: 1, column: 1, ...error.at, message: error.message, hint: 'a module of the app threw when it was loaded; a function loading it would fail the same way' })
      return finish()
    }
    if (!(error instanceof BundleError)) throw error
    report.diagnostics.push(...error.messages.map((message) => bundleDiagnostic(message)))
    return finish()
  }
  report.outDir = outDir
  report.nextSteps = plan.nextSteps
  if (options.images) {
    if (!plan.images?.length) throw new Error(`the ${target.name} target has no container images to build`)
    try {
      report.images = await step('images', () => buildImages(outDir, plan.images!), (built) => `${built.length} images: ${built.map((b) => b.image).join(', ')}`)
    } catch (error) {
      // The bundles are written and stay; only the images are missing.
      report.diagnostics.push({ severity: 'error', code: 'image-build', message: (error as Error).message, file: relative(config.projectRoot, outDir) || '.', line: 1, column: 1, hint: 'the output folder was written; fix Docker and run again with --images' })
      return finish()
    }
  }
  report.ok = true
  return finish()
}

/** How many inline schemas became compiled validators, and the first one left to zod with why. */
function compiledSummary(schemas: SchemaCompiler, projectRoot: string): string {
  const first = schemas.refused[0]
  const left = first ? ` (${schemas.refused.length} left to zod: ${relative(projectRoot, first.file)}:${first.line}, ${first.reason}${schemas.refused.length > 1 ? ', …' : ''})` : ''
  return `${count(schemas.compiled, 'schema')} compiled${left}`
}

function writeArtifact(dir: string, path: string, contents: string) {
  const file = join(dir, path)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, contents)
}

/** The OpenAPI document could not be made; `at` is where the user's code threw, when it did. */
class OpenApiError extends Error {
  constructor(
    message: string,
    readonly at?: ModuleLoadError['at'],
  ) {
    super(message)
  }
}

/** The plan's OpenAPI documents, once generated; started at once, so it runs beside what follows. */
function openApiArtifacts(plan: Plan, generate: () => Promise<string>): Promise<{ path: string; contents: string }[]> {
  const paths = plan.openApiDocuments ?? []
  if (!paths.length) return Promise.resolve([])
  const documents = generate().then(
    (json) => paths.map((path) => ({ path, contents: json })),
    (error: Error) => Promise.reject(error instanceof BundleError ? error : new OpenApiError(`the OpenAPI document could not be generated: ${error.message}`, error instanceof ModuleLoadError ? error.at : undefined)),
  )
  // Awaited by the emit step; if bundling fails first, its rejection must not go unhandled.
  documents.catch(() => {})
  return documents
}

const describeTypecheck = (r: TypecheckResult) => (r.ran ? `TypeScript ${r.typescriptVersion}: ${count(r.diagnostics.length, 'error')}, tsc took ${Math.round(r.ms)} ms` : `skipped: ${r.reason}`)

export function summarize(model: AppModel, fileCount: number): string {
  const commands = model.services.reduce((n, s) => n + s.commands.length, 0)
  const subscriptions = model.services.reduce((n, s) => n + s.subscriptions.length, 0)
  return `${count(model.services.length, 'service')}, ${count(commands, 'command')}, ${count(subscriptions, 'subscription')} in ${count(fileCount, 'file')}`
}

const count = (n: number, word: string, plural = word + 's') => `${n} ${n === 1 ? word : plural}`
