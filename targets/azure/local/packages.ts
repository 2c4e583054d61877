/**
 * What `purista start --target azure` loads from the user's project: the clients the functions
 * bundle (the build needs them), Azurite for Table storage, and rhea, the AMQP library the local
 * Service Bus namespace speaks to those clients with.
 */
export const LOCAL_AZURE_PACKAGES = ['@azure/functions', '@azure/service-bus', '@azure/data-tables', 'azurite', 'rhea']
