/** Work a bridge has started for incoming messages, so that shutting down can wait for it. */
export class InFlight {
  private readonly work = new Set<Promise<unknown>>()

  track(work: Promise<unknown>): void {
    this.work.add(work)
    void work.finally(() => this.work.delete(work))
  }

  /** Resolves once nothing is in flight, including work that starts while it waits. */
  async drained(): Promise<void> {
    while (this.work.size) await Promise.allSettled(this.work)
  }
}
