import { expect, test, vi } from 'vitest'
import type { ReceivedMessage } from './service-bus-namespace.ts'
import { TopicSubscriptions } from './topic-subscriptions.ts'
import type { LocalSubscription } from './template.ts'

const subscription = (name: string, sqlFilter: string | null, maxDeliveryCount = 3): LocalSubscription => ({ topic: 'app', name, sqlFilter, maxDeliveryCount })
const event = (eventName: string): ReceivedMessage => ({ messageId: `m-${eventName}`, applicationProperties: { eventName }, body: { eventName } })

function topicWith(subscriptions: LocalSubscription[], deliver: (name: string, deliveryCount: number) => Promise<void>) {
  const log = vi.fn()
  const topics = new TopicSubscriptions({ subscriptions, deliver: (s, _m, count) => deliver(s.name, count), log })
  return { topics, log }
}

test('a message goes to each subscription whose filter it matches, on its topic only', async () => {
  const delivered: string[] = []
  const { topics } = topicWith([subscription('welcome', "eventName = 'userRegistered'"), subscription('audit', null), subscription('other', "eventName = 'userDeleted'"), { ...subscription('elsewhere', null), topic: 'other-topic' }], async (name) => void delivered.push(name))
  topics.publish('app', event('userRegistered'))
  await vi.waitFor(() => expect(delivered.sort()).toEqual(['audit', 'welcome']))
})

test('a failed delivery is retried until it succeeds, within maxDeliveryCount', async () => {
  const counts: number[] = []
  const { topics, log } = topicWith([subscription('flaky', null, 3)], async (_, count) => {
    counts.push(count)
    if (count < 3) throw new Error(`failure ${count}`)
  })
  topics.publish('app', event('e'))
  await vi.waitFor(() => expect(counts).toEqual([1, 2, 3]))
  expect(topics.deadLetters).toEqual([])
  expect(log).toHaveBeenCalledWith('flaky failed on message m-e (delivery 1 of 3): failure 1')
})

test('after maxDeliveryCount failures the message is dead-lettered with the last failure', async () => {
  let deliveries = 0
  const { topics, log } = topicWith([subscription('broken', null, 2)], async () => {
    deliveries++
    throw new Error('always')
  })
  topics.publish('app', event('e'))
  await vi.waitFor(() => expect(topics.deadLetters).toHaveLength(1))
  expect(deliveries).toBe(2)
  expect(topics.deadLetters[0]).toMatchObject({ topic: 'app', subscription: 'broken', reason: 'MaxDeliveryCountExceeded', description: 'always', message: { messageId: 'm-e' } })
  expect(log).toHaveBeenLastCalledWith('message m-e goes to the dead-letter queue of app/broken')
})

test('a filter outside the supported subset stops the start, naming the subscription', () => {
  expect(() => topicWith([subscription('odd', "eventName LIKE 'user%'")], async () => {})).toThrow(/^subscription app\/odd: SQL filter/)
})
