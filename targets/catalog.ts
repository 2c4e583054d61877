/** Every target by name and what it builds. Light on purpose: `purista --help` reads it without loading any build code. */
export const TARGET_DESCRIPTIONS = {
  monolith: 'one process: every service on the in-memory bridge (or a broker), one HTTP server',
  containers: 'one image per service (or group) and an HTTP gateway, over NATS, RabbitMQ or MQTT; compose and Kubernetes files',
  lambda: 'one AWS Lambda per command and subscription, API Gateway routes, EventBridge rules, and a CDK app to deploy them',
  azure: 'Azure Functions (v4): one function per command and subscription, Service Bus topic subscriptions, Table storage, and Bicep/ARM to deploy them',
} as const

export type TargetName = keyof typeof TARGET_DESCRIPTIONS

export const TARGET_NAMES = Object.keys(TARGET_DESCRIPTIONS) as TargetName[]
