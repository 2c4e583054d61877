/** The EventBridge event that invokes sendWelcomeMail: a userRegistered success event, as purista publishes it. */
export const userRegisteredEvent = () => ({
  version: '0',
  id: 'e',
  'detail-type': 'userRegistered',
  source: 'purista',
  account: '000000000000',
  time: '2026-11-21T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { id: 'm', messageType: 'commandSuccessResponse', eventName: 'userRegistered', traceId: 'bench', correlationId: 'c', timestamp: 0, contentType: 'application/json', contentEncoding: 'utf-8', sender: { serviceName: 'User', serviceVersion: '1', serviceTarget: 'registerNewUser' }, payload: { userId: 'u1' } },
})
