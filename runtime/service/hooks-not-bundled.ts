import { describeAddress, type Address } from '../core/envelope.ts'

/**
 * What runs a definition's hooks where none was handed in: nothing can, so the definition is
 * refused when its handler is made (a function's init), never run without its guards. A build
 * bundles the hook runner into every function whose definition it saw setting hooks.
 */
export const hooksNotBundled = (address: Address) => (): never => {
  throw new Error(`${describeAddress(address)} sets guard or transform hooks, but was built without the code that runs them: rebuild it with purista build`)
}
