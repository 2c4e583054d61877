/** A definition as the user's file exports it: the builder chain, or what its getDefinition() returned. */
export type Exported<D> = D | { getDefinition(): D }

/** The definition a function entry imported, whichever way the user's file exports it. */
export const definitionOf = <D>(exported: Exported<D>): D => {
  if (!exported) throw new Error('the function entry found no definition: was it renamed after the build?')
  const builder = exported as { getDefinition?: () => D }
  return typeof builder.getDefinition === 'function' ? builder.getDefinition() : (exported as D)
}
