/*
 * The state table's shape, shared by the store that uses it and the build that creates it. Apart
 * from the store so that the build reads these names without loading the AWS SDK.
 */

/** The table's only key attribute; the CDK stack creates the table with it. */
export const STATE_KEY_ATTRIBUTE = 'key'
export const STATE_TABLE_VARIABLE = 'PURISTA_STATE_TABLE'
