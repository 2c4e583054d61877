import { newId, newTraceId, type Address, type CommandMessage, type CommandSuccessResponse } from '../core/envelope.ts'

const testAddress: Address = { serviceName: 'Test', serviceVersion: '1', serviceTarget: 'test' }

/** A command message, as PURISTA's helper of this name makes it; `input` sets any of its fields. */
export function getCommandMessageMock(input: Partial<CommandMessage> = {}): CommandMessage {
  const id = newId()
  return {
    id,
    timestamp: Date.now(),
    messageType: 'command',
    contentType: 'application/json',
    contentEncoding: 'utf-8',
    traceId: newTraceId(),
    correlationId: id,
    sender: testAddress,
    receiver: testAddress,
    payload: { payload: undefined, parameter: {} },
    ...input,
  }
}

/**
 * The answer a command sends back on success, as PURISTA's helper of this name makes it: `payload`
 * is the output, `input` sets any field, and it answers `commandMessage` (a new one when not given).
 */
export function getCommandSuccessMessageMock<Payload>(payload: Payload, input: Partial<CommandSuccessResponse> = {}, commandMessage: CommandMessage = getCommandMessageMock()): Readonly<CommandSuccessResponse & { payload: Payload }> {
  const { traceId, correlationId } = commandMessage
  return Object.freeze({ id: newId(), timestamp: Date.now(), messageType: 'commandSuccessResponse' as const, traceId, correlationId, payload, ...input }) as CommandSuccessResponse & { payload: Payload }
}
