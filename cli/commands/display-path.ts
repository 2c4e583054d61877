import { relative } from 'node:path'

/** A path as the user would type it from where they are. */
export const displayPath = (path?: string) => path && (relative(process.cwd(), path) || '.')
