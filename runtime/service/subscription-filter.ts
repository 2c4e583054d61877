import type { Address, EventMessage } from '../core/envelope.ts'

/**
 * PURISTA's subscription filters: an event reaches the subscription only if it matches every field
 * given. The sender's version is not here: subscribeToEvent(name, version) and filterSentFrom both
 * set the definition's eventServiceVersion, which every bridge already matches.
 */
export interface SubscriptionFilter {
  /** filterSentFrom: who emitted the event. */
  sender?: Partial<Omit<Address, 'serviceVersion'>>
  /** filterReceivedBy: a success event's receiver is the caller of the command that emitted it. */
  receiver?: Partial<Address>
  principalId?: string
  tenantId?: string
  /** 'commandSuccessResponse' for setSuccessEventName events, 'customMessage' for canEmit and subscription outputs. */
  messageType?: EventMessage['messageType']
}

/** One envelope field a filter requires, e.g. { path: ['sender', 'serviceName'], value: 'User' }. */
export interface FilterField {
  path: [keyof EventMessage] | ['sender' | 'receiver', keyof Address]
  value: string
}

/** The fields a filter requires, in a fixed order: the matcher and the Lambda rule pattern are both made from them. */
export function filterFields(filter: SubscriptionFilter): FilterField[] {
  const fields: FilterField[] = []
  for (const key of ['principalId', 'tenantId', 'messageType'] as const) {
    const value = filter[key]
    if (value !== undefined) fields.push({ path: [key], value })
  }
  for (const side of ['sender', 'receiver'] as const) {
    for (const [key, value] of Object.entries(filter[side] ?? {})) {
      if (value !== undefined) fields.push({ path: [side, key as keyof Address], value })
    }
  }
  return fields
}

/**
 * Whether an event passes the filter; undefined for a subscription without filters, so that one
 * costs nothing per event.
 */
export function eventMatcher(filter: SubscriptionFilter | undefined): ((event: EventMessage) => boolean) | undefined {
  const fields = filter ? filterFields(filter) : []
  if (!fields.length) return undefined
  return (event) => fields.every(({ path, value }) => read(event, path) === value)
}

const read = (event: EventMessage, path: FilterField['path']): unknown =>
  path.length === 1 ? event[path[0]] : (event[path[0]] as Partial<Address> | undefined)?.[path[1]]
