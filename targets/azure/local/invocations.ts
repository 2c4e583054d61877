import type { FunctionMetadata, Invocation, InvocationResponse } from './function-app-process.ts'
import { triggerOf } from './function-app-process.ts'

export interface HttpCall {
  method: string
  /** The full URL as the host received it. */
  url: string
  headers: Record<string, string>
  /** The route's parameters, as the host matched them. */
  params: Record<string, string>
  body: Buffer
}

export interface HttpAnswer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/** An HTTP request as the host hands it to the worker for an HTTP trigger. */
export function httpInvocation(fn: FunctionMetadata, call: HttpCall): Invocation {
  const url = new URL(call.url)
  return {
    functionName: fn.name,
    inputData: [
      {
        name: triggerOf(fn).name,
        data: { http: { method: call.method, url: call.url, headers: call.headers, query: Object.fromEntries(url.searchParams), params: call.params, body: { bytes: new Uint8Array(call.body) } } },
      },
    ],
  }
}

/** The worker's answer to an HTTP invocation as the response the host writes. */
export function httpAnswer(response: InvocationResponse): HttpAnswer {
  const http = response.returnValue?.http
  if (!http) return { status: 204, headers: {}, body: Buffer.alloc(0) }
  const body = http.body?.bytes ? Buffer.from(http.body.bytes) : Buffer.from(http.body?.string ?? '')
  return { status: Number(http.statusCode ?? 200), headers: http.headers ?? {}, body }
}

/** A Service Bus message as the host hands it to a topic trigger: the body, and the message's properties as trigger metadata. */
export function serviceBusInvocation(fn: FunctionMetadata, message: { body: unknown; messageId: string; applicationProperties: Record<string, unknown>; deliveryCount: number }): Invocation {
  return {
    functionName: fn.name,
    inputData: [{ name: triggerOf(fn).name, data: { json: JSON.stringify(message.body) } }],
    triggerMetadata: {
      MessageId: { string: message.messageId },
      DeliveryCount: { int: message.deliveryCount },
      ApplicationProperties: { json: JSON.stringify(message.applicationProperties) },
    },
  }
}
