/** Work a bridge has started for incoming messages, so that shutting down can wait for it. */
export class InFlight {
  #count = 0
  #waiting: (() => void)[] = []
  // A counter and one bound function, not a set of promises and a closure each: track() is on every message's path.
  readonly #settled = () => {
    if (--this.#count === 0) for (const resolve of this.#waiting.splice(0)) resolve()
  }

  track(work: Promise<unknown>): void {
    this.#count++
    work.then(this.#settled, this.#settled)
  }

  /** Resolves once nothing is in flight, including work that starts while it waits. */
  drained(): Promise<void> {
    return this.#count === 0 ? Promise.resolve() : new Promise((resolve) => this.#waiting.push(resolve))
  }
}
