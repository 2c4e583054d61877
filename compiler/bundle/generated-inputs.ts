/**
 * Whether an input of esbuild's metafile is a module the build generated (an entry, `purista-entry:…`,
 * or a compiled file's validators and zod fallback) rather than a file: there is nothing to read.
 */
export const isGeneratedInput = (input: string) => /^purista-[a-z-]+:/.test(input)
