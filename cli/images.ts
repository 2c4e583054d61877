import { join } from 'node:path'
import { missingPackagesError } from '../compiler/optional-packages.ts'

export interface ImageToBuild {
  /** Image name, e.g. shop-order-v1. */
  image: string
  /** Folder (relative to the target's output) holding the Dockerfile and the bundle. */
  context: string
}

export interface BuiltImage {
  image: string
  id: string
  ms: number
}

/**
 * Builds each image from its generated Dockerfile through the Docker engine API (dockerode), the
 * way `docker build` would, and reports the image ids. The first failure stops with Docker's message.
 */
export async function buildImages(outDir: string, images: ImageToBuild[], onImage?: (built: BuiltImage) => void): Promise<BuiltImage[]> {
  const missing = missingPackagesError('--images', ['dockerode'], { dev: true })
  if (missing) throw missing
  const { default: Docker } = await import('dockerode')
  const docker = new Docker()
  try {
    await docker.ping()
  } catch (error) {
    throw new Error(`cannot reach the Docker engine (${process.env.DOCKER_HOST ?? '/var/run/docker.sock'}): ${(error as Error).message}; start Docker, or build without --images`)
  }
  const built: BuiltImage[] = []
  for (const { image, context } of images) {
    const started = performance.now()
    const stream = await docker.buildImage({ context: join(outDir, context), src: ['Dockerfile', '.dockerignore', 'index.mjs', 'index.mjs.map'] }, { t: image })
    const output = await new Promise<{ error?: string; aux?: { ID?: string } }[]>((resolve, reject) => docker.modem.followProgress(stream, (error, result) => (error ? reject(error) : resolve(result))))
    const failure = output.find((line) => line.error)
    if (failure) throw new Error(`building ${image} failed: ${failure.error}`)
    const { Id } = await docker.getImage(image).inspect()
    const result = { image, id: Id, ms: performance.now() - started }
    built.push(result)
    onImage?.(result)
  }
  return built
}
