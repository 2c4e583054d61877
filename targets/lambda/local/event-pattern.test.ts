import { describe, expect, test } from 'vitest'
import { eventPattern } from '../wiring.ts'
import { matchesPattern, type EventPattern } from './event-pattern.ts'

// Patterns and events below are the examples of AWS's EventBridge user guide (event patterns,
// arrays, null values, content filtering), with the events they are documented to match or not.
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': ' i-1234567890abcdef0', state: 'terminated' },
}
const withDetail = (detail: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ ...ec2Event, ...extra, detail })
const matches = (pattern: unknown, event: unknown) => matchesPattern(pattern as EventPattern, event)

describe('EventBridge event patterns (AWS documentation examples)', () => {
  test('the EC2 state-change example: source, detail-type and a nested value', () => {
    const pattern = { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } }
    expect(matches(pattern, ec2Event)).toBe(true)
    expect(matches(pattern, withDetail({ state: 'running' }))).toBe(false)
    expect(matches({ source: ['aws.ec2'], detail: { state: ['stopped', 'terminated'] } }, ec2Event)).toBe(true)
    expect(matches({ source: ['aws.s3'] }, ec2Event)).toBe(false)
  })

  test('a field the event lacks does not match a value', () => {
    expect(matches({ detail: { missing: ['x'] } }, ec2Event)).toBe(false)
    expect(matches({ nothing: { deeper: ['x'] } }, ec2Event)).toBe(false)
  })

  test('arrays: an event array matches when it shares an item with the pattern', () => {
    const pattern = {
      resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f', 'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f'],
    }
    const event = {
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    }
    expect(matches(pattern, event)).toBe(true)
    expect(matches(pattern, { resources: [event.resources[0]] })).toBe(false)
  })

  test('null values and empty strings match themselves, not each other', () => {
    const event = withDetail({ eventVersion: '', responseElements: null })
    expect(matches({ detail: { eventVersion: [''] } }, event)).toBe(true)
    expect(matches({ detail: { responseElements: [null] } }, event)).toBe(true)
    expect(matches({ detail: { eventVersion: [null] } }, event)).toBe(false)
    expect(matches({ detail: { responseElements: [''] } }, event)).toBe(false)
  })

  test('prefix matching, also ignoring case', () => {
    expect(matches({ time: [{ prefix: '2017-12-22' }] }, ec2Event)).toBe(true)
    expect(matches({ time: [{ prefix: '2017-10-02' }] }, ec2Event)).toBe(false)
    expect(matches({ detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, withDetail({ service: 'eventbridge' }))).toBe(true)
  })

  test('suffix matching, also ignoring case', () => {
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' })).toBe(true)
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'image.PNG' })).toBe(false)
    expect(matches({ detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, withDetail({ FileName: 'image.PNG' }))).toBe(true)
  })

  test('anything-but with a string, a number and lists of each', () => {
    expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, withDetail({ state: 'running' }))).toBe(true)
    expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, withDetail({ state: 'initializing' }))).toBe(false)
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': 123 }] } }, withDetail({ 'x-limit': 124 }))).toBe(true)
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': 123 }] } }, withDetail({ 'x-limit': 123 }))).toBe(false)
    expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, withDetail({ state: 'overloaded' }))).toBe(false)
    expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, withDetail({ state: 'running' }))).toBe(true)
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, withDetail({ 'x-limit': 200 }))).toBe(false)
    // anything-but needs a value to compare: a missing field does not match.
    expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, withDetail({}))).toBe(false)
  })

  test('anything-but with a prefix, a suffix, ignoring case and a wildcard', () => {
    expect(matches({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, withDetail({ state: 'initializing' }))).toBe(false)
    expect(matches({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, withDetail({ state: 'running' }))).toBe(true)
    expect(matches({ FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.txt' })).toBe(true)
    expect(matches({ state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }, { state: 'INITIALIZING' })).toBe(false)
    expect(matches({ state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] }, { state: 'Stopped' })).toBe(false)
    expect(matches({ FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: 'dir/lib/file' })).toBe(false)
    expect(matches({ FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: 'dir/src/file' })).toBe(true)
  })

  test('numeric matching: every condition of a range must hold', () => {
    const pattern = { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } }
    expect(matches(pattern, withDetail({ 'c-count': 5, 'd-count': 9, 'x-limit': 301.8 }))).toBe(true)
    expect(matches(pattern, withDetail({ 'c-count': 0, 'd-count': 9, 'x-limit': 301.8 }))).toBe(false)
    expect(matches(pattern, withDetail({ 'c-count': 5, 'd-count': 10, 'x-limit': 301.8 }))).toBe(false)
    expect(matches(pattern, withDetail({ 'c-count': '5', 'd-count': 9, 'x-limit': 301.8 }))).toBe(false)
  })

  test('IP address matching with a CIDR block', () => {
    const pattern = { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }
    expect(matches(pattern, withDetail({ sourceIPAddress: '10.0.0.24' }))).toBe(true)
    expect(matches(pattern, withDetail({ sourceIPAddress: '10.0.1.1' }))).toBe(false)
  })

  test('exists matching works on leaves only', () => {
    const pattern = { detail: { 'c-count': [{ exists: false }] } }
    expect(matches(pattern, { 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['initializing', 'running'] } })).toBe(true)
    // c-count here is an object, not a leaf: it counts as absent.
    expect(matches(pattern, { detail: { state: ['initializing', 'running'], 'c-count': { c1: 100 } } })).toBe(true)
    expect(matches(pattern, { detail: { 'c-count': 3 } })).toBe(false)
    expect(matches({ detail: { state: [{ exists: true }] } }, ec2Event)).toBe(true)
  })

  test('the complex example combining prefix, anything-but and numeric', () => {
    const pattern = {
      time: [{ prefix: '2017-10-02' }],
      detail: { state: [{ 'anything-but': 'initializing' }], 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ 'anything-but': [100, 200, 300] }] },
    }
    const event = { time: '2017-10-02T18:43:48Z', detail: { state: 'running', 'c-count': 3, 'd-count': 2, 'x-limit': 150 } }
    expect(matches(pattern, event)).toBe(true)
    expect(matches(pattern, { ...event, detail: { ...event.detail, 'x-limit': 300 } })).toBe(false)
  })

  test('$or and equals-ignore-case and wildcard', () => {
    const pattern = { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }] } }
    expect(matches(pattern, withDetail({ 'c-count': 7, 'd-count': 3 }))).toBe(true)
    expect(matches(pattern, withDetail({ 'c-count': 7, 'd-count': 30 }))).toBe(false)
    expect(matches({ 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] }, ec2Event)).toBe(true)
    expect(matches({ EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] }, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/myBus' })).toBe(true)
    expect(matches({ EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] }, { EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/myBus' })).toBe(false)
  })
})

describe('the patterns purista emits', () => {
  const event = (name: string, serviceVersion: string) => ({ source: 'purista', 'detail-type': name, detail: { eventName: name, sender: { serviceName: 'User', serviceVersion } } })

  test('a subscription takes exactly its event, from any version or the one it names', () => {
    const anyVersion = eventPattern({ event: 'userRegistered', eventServiceVersion: null })
    expect(matches(anyVersion, event('userRegistered', '1'))).toBe(true)
    expect(matches(anyVersion, event('userRegistered', '2'))).toBe(true)
    expect(matches(anyVersion, event('userDeleted', '1'))).toBe(false)
    expect(matches(anyVersion, { ...event('userRegistered', '1'), source: 'other' })).toBe(false)
    const versionOne = eventPattern({ event: 'userRegistered', eventServiceVersion: '1' })
    expect(matches(versionOne, event('userRegistered', '1'))).toBe(true)
    expect(matches(versionOne, event('userRegistered', '2'))).toBe(false)
  })

  test('an unknown operator is an error, not a silent miss', () => {
    expect(() => matches({ a: [{ 'starts-with': 'x' }] }, { a: 'xy' })).toThrow(/unsupported event pattern operator "starts-with"/)
  })
})
