import { expect, test } from 'vitest'
import { InFlight } from './in-flight.ts'

const later = () => {
  let settle!: (fail?: boolean) => void
  const work = new Promise<void>((resolve, reject) => (settle = (fail) => (fail ? reject(new Error('failed')) : resolve())))
  return { work, settle }
}

test('drained waits for tracked work, failed work too, and for work started while it waits', async () => {
  const inFlight = new InFlight()
  await inFlight.drained() // nothing in flight: at once

  const first = later()
  const second = later()
  inFlight.track(first.work)
  let drained = false
  const waiting = inFlight.drained().then(() => (drained = true))
  inFlight.track(second.work)

  first.settle(true)
  await new Promise((r) => setImmediate(r))
  expect(drained).toBe(false)
  second.settle()
  await waiting
  expect(drained).toBe(true)
})
