/**
 * What `purista start --target lambda` loads from the user's project: aws-cdk-lib to synthesize the
 * app, dynalite for its tables, and the AWS SDK the functions call (Lambda provides it in AWS).
 */
export const LOCAL_LAMBDA_PACKAGES = ['aws-cdk-lib', 'constructs', 'dynalite', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-eventbridge', '@aws-sdk/client-lambda']
