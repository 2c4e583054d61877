import { CommandDefinitionBuilder } from '../builders/command-builder.ts'
import { SubscriptionDefinitionBuilder } from '../builders/subscription-builder.ts'
import { getCommandContextMock, getSubscriptionContextMock } from './context-mock.ts'

/*
 * PURISTA's tests ask the builder for a context mock: `createTaskCommandBuilder.getCommandContextMock({
 * payload, parameter, sandbox })`. The methods are put on the builders here, by the module 'purista'
 * loads for tests and main files, so a Lambda function's bundle, which has the builders but not this
 * module, carries no test code. Their types are declared with the builders.
 */
CommandDefinitionBuilder.prototype.getCommandContextMock = getCommandContextMock
SubscriptionDefinitionBuilder.prototype.getSubscriptionContextMock = getSubscriptionContextMock
