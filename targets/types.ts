import type { Metafile } from 'esbuild'
import type { BundleOptions, VirtualEntry, VirtualModule } from '../compiler/bundle/bundle.ts'
import type { ResolvedConfig } from '../compiler/config/load-config.ts'
import type { Diagnostic } from '../compiler/diagnostics.ts'
import type { AppModel } from '../compiler/model/app-model.ts'

/** A file a target writes beside its bundles: Dockerfile, compose, CDK app … */
export interface Artifact {
  path: string
  contents: string
}

export interface Plan {
  entries: VirtualEntry[]
  /** Generated modules the entries import. */
  modules?: VirtualModule[]
  /**
   * Looks at what was bundled (esbuild's metafile) and returns what to bundle after it: entries made
   * anew where the plan assumed too little of the code it bundles, and any it held back from the first
   * pass. They take the place of the first pass's entries of the same out paths; the others stay.
   */
  revise?(metafile: Metafile): Revision | undefined
  artifacts: Artifact[]
  /**
   * Where the app's OpenAPI document is written, for targets that serve it as a file: the build
   * generates it by loading the services in a child process (compiler/openapi), beside bundling.
   */
  openApiDocuments?: string[]
  /** Optional npm packages of purista's (peer dependencies) the bundles need: checked before bundling. */
  packages?: string[]
  /** Paths in the output folder that a rebuild carries over from the last build: what the user installs there. */
  keep?: string[]
  /** How to run the output; `{out}` stands for the output folder. */
  nextSteps: string[]
  /** How this target's bundles differ: modules the platform provides, the Node version it runs. */
  bundle?: Pick<BundleOptions, 'external' | 'preferEsm' | 'target' | 'shareChunks' | 'runtimeEntry' | 'zodLite'> & {
    /** The schemas of the user's builder chains are compiled into the bundles (compiler/compiled-schemas). */
    compiledValidators?: boolean
  }
  /** Container images `--images` builds: a name and the output subfolder with its Dockerfile. */
  images?: { image: string; context: string }[]
}

/** What a plan bundles after a first look at what the code reaches: `entries` with zod's classic build. */
export interface Revision extends Pick<Plan, 'entries' | 'modules'> {
  /** Entries bundled in a pass of their own, where `zod` is zod-lite: their code uses nothing else of zod (compiler/zod-lite). */
  zodLite?: Pick<Plan, 'entries' | 'modules'>
}

/** A deployment target: a pure function from the model to what must be built and written. */
export interface Target {
  name: string
  description: string
  /** Problems only this target cares about (e.g. its own config section), found before planning. */
  check?(model: AppModel, config: ResolvedConfig): Diagnostic[]
  plan(model: AppModel, config: ResolvedConfig): Plan
}
