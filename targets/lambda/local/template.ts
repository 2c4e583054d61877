import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { EventPattern } from './event-pattern.ts'

/** What the local runner needs from a synthesized stack: the resources AWS would wire. */
export interface LocalApp {
  functions: LocalFunction[]
  routes: { method: string; path: string; functionId: string }[]
  rules: { busName: string; pattern: EventPattern; functionId: string }[]
  buses: string[]
  tables: { TableName: string; KeySchema: unknown[]; AttributeDefinitions: unknown[] }[]
}

export interface LocalFunction {
  /** The logical id; also the function's name locally (what Ref resolves to). */
  id: string
  /** The folder holding the function's code (an asset folder of cdk.out). */
  codeDir: string
  handler: string
  timeoutSeconds: number
  memoryMb: number
  environment: Record<string, string>
}

type Resource = { Type: string; Properties?: Record<string, any> }

type Manifest = { artifacts: Record<string, { type: string; properties?: { templateFile?: string; file?: string } }> }

/** Reads the one stack of a cloud assembly (cdk.out): its template and its assets manifest. */
export function readLocalApp(cdkOut: string): LocalApp {
  const readJson = (file: string) => JSON.parse(readFileSync(join(cdkOut, file), 'utf8'))
  const artifacts = Object.values((readJson('manifest.json') as Manifest).artifacts)
  const stacks = artifacts.filter((a) => a.type === 'aws:cloudformation:stack')
  if (stacks.length !== 1) throw new Error(`expected one stack in ${cdkOut}, found ${stacks.length}`)
  const template = readJson(stacks[0]!.properties!.templateFile!) as { Resources: Record<string, Resource>; Parameters?: Record<string, { Default?: unknown }> }
  const assetManifest = artifacts.find((a) => a.type === 'cdk:asset-manifest')?.properties?.file
  const assets = (assetManifest ? readJson(assetManifest) : { files: {} }) as { files: Record<string, { source: { path: string } }> }
  const resources = Object.entries(template.Resources)
  const ofType = (type: string) => resources.filter(([, r]) => r.Type === type)

  /** A resource's name as Ref gives it: its explicit name property, else its logical id. */
  const physicalName = (id: string): string => {
    const resource = template.Resources[id]
    if (!resource) throw new Error(`the template refers to ${id}, which it does not define`)
    const props = resource.Properties ?? {}
    const name = props.Name ?? props.TableName ?? props.FunctionName
    return typeof name === 'string' ? name : id
  }
  const resolve = (value: unknown): string => {
    if (typeof value === 'string') return value
    const v = value as Record<string, any>
    // A stack parameter (the OTLP headers) has its default locally: nobody deploys with --parameters here.
    if (v.Ref && template.Parameters?.[v.Ref]) return String(template.Parameters[v.Ref]!.Default ?? '')
    if (v.Ref) return physicalName(v.Ref)
    if (v['Fn::GetAtt']) return `arn:aws:local:us-east-1:000000000000:${v['Fn::GetAtt'][0]}`
    if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(resolve).join(v['Fn::Join'][0])
    throw new Error(`the local runner cannot resolve ${JSON.stringify(value)}`)
  }
  /** `Fn::GetAtt [X, Arn]` → X */
  const targetOf = (value: unknown): string => {
    const attribute = (value as Record<string, any>)['Fn::GetAtt']
    if (!attribute) throw new Error(`expected a Fn::GetAtt of a function, got ${JSON.stringify(value)}`)
    return attribute[0]
  }

  const functions = ofType('AWS::Lambda::Function').map(([id, r]) => {
    const props = r.Properties!
    const hash = String(props.Code?.S3Key ?? '').replace(/\.zip$/, '')
    const asset = assets.files[hash]
    if (!asset) throw new Error(`function ${id} has no local asset (S3Key ${props.Code?.S3Key})`)
    const variables = (props.Environment?.Variables ?? {}) as Record<string, unknown>
    return {
      id,
      codeDir: join(cdkOut, asset.source.path),
      handler: props.Handler,
      timeoutSeconds: props.Timeout ?? 3,
      memoryMb: props.MemorySize ?? 128,
      environment: Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, resolve(value)])),
    }
  })

  const integrations = new Map(ofType('AWS::ApiGatewayV2::Integration').map(([id, r]) => [id, targetOf(r.Properties!.IntegrationUri)]))
  const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => {
    const [method, path] = String(r.Properties!.RouteKey).split(' ')
    const integrationId = /integrations\/(.+)$/.exec(resolveIntegration(r.Properties!.Target))?.[1]
    const functionId = integrationId && integrations.get(integrationId)
    if (!functionId) throw new Error(`route ${r.Properties!.RouteKey} has no Lambda integration`)
    return { method: method!, path: path!, functionId }
  })
  function resolveIntegration(target: unknown): string {
    // integrations/<Ref of the integration>: the logical id, not a physical name.
    const join = (target as Record<string, any>)['Fn::Join']
    return join ? (join[1] as unknown[]).map((part) => (typeof part === 'string' ? part : (part as { Ref: string }).Ref)).join(join[0]) : String(target)
  }

  const rules = ofType('AWS::Events::Rule').flatMap(([, r]) =>
    (r.Properties!.Targets as { Arn: unknown }[]).map((target) => ({
      busName: r.Properties!.EventBusName ? resolve(r.Properties!.EventBusName) : 'default',
      pattern: r.Properties!.EventPattern as EventPattern,
      functionId: targetOf(target.Arn),
    })),
  )

  return {
    functions,
    routes,
    rules,
    buses: ofType('AWS::Events::EventBus').map(([id]) => physicalName(id)),
    tables: ofType('AWS::DynamoDB::Table').map(([id, r]) => ({ TableName: physicalName(id), KeySchema: r.Properties!.KeySchema, AttributeDefinitions: r.Properties!.AttributeDefinitions })),
  }
}
