// Module resolve hook for processes the local Lambda runner starts (the function hosts and the
// CDK synth). Bundles leave the AWS SDK out, because Lambda's Node runtime provides it, and the CDK
// app imports aws-cdk-lib: when the folder they run from cannot resolve these, purista's own
// copies are used, as the Lambda runtime and `npm install` in the CDK folder would provide them.
const PROVIDED = /^(@aws-sdk\/|@smithy\/|aws-cdk-lib(\/|$)|constructs$)/
let fallbackParent

export function initialize(data) {
  fallbackParent = data.fallbackParent
}

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context)
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !PROVIDED.test(specifier)) throw error
    return next(specifier, { ...context, parentURL: fallbackParent })
  }
}
