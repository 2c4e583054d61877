/**
 * When to rebuild: once a burst of changes has gone quiet (an editor's save is often several writes:
 * a temporary file, a rename, a chmod), and never two rebuilds at once. A change that arrives during
 * a rebuild is kept and starts exactly one more rebuild after it.
 */
export interface RebuildScheduler {
  /** A file changed: rebuild once nothing has changed for the quiet period. */
  changed(): void
  /** Drops a rebuild not yet started and resolves when the running one (if any) has finished. */
  close(): Promise<void>
}

/**
 * `rebuild` is given when the first change of its burst happened (performance.now()), for the
 * change-to-serving time, and a promise that resolves if another change arrives while it runs:
 * its result is outdated then: not worth a restart, nor waiting for a slow server start.
 * It reports its own failures: a rejection would be an unhandled one.
 */
export type Rebuild = (firstChangeAt: number, superseded: Promise<void>) => Promise<void>

/** The writes of one save come within milliseconds of each other; 50 ms gathers them and goes unnoticed. */
const QUIET_MS = 50

export function scheduleRebuilds(rebuild: Rebuild): RebuildScheduler {
  let timer: NodeJS.Timeout | undefined
  let firstChangeAt: number | undefined
  let running: Promise<void> | undefined
  let supersede: (() => void) | undefined
  let closed = false

  const start = () => {
    timer = undefined
    if (running || firstChangeAt === undefined) return // the running rebuild starts this one when it ends
    const since = firstChangeAt
    firstChangeAt = undefined
    const superseded = new Promise<void>((resolve) => (supersede = resolve))
    running = rebuild(since, superseded).finally(() => {
      running = undefined
      supersede = undefined
      // Changes that came in during the rebuild: go now if they have gone quiet, else their timer will.
      if (!closed && !timer) start()
    })
  }

  return {
    changed() {
      if (closed) return
      firstChangeAt ??= performance.now()
      supersede?.()
      clearTimeout(timer)
      timer = setTimeout(start, QUIET_MS)
    },
    async close() {
      closed = true
      clearTimeout(timer)
      supersede?.()
      await running
    },
  }
}
