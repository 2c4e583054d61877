/**
 * The environment variables each broker bridge reads its credentials and TLS settings from, beside
 * its URL ($NATS_URL, $AMQP_URL, $MQTT_URL). The containers target passes them through from the
 * environment (compose) or a Secret (Kubernetes), never a ConfigMap.
 */
export const CONNECTION_VARIABLES = {
  /** User and password, a token, or a .creds file (JWT and NKey seed); a CA file for TLS. */
  nats: { user: 'NATS_USER', password: 'NATS_PASSWORD', token: 'NATS_TOKEN', creds: 'NATS_CREDS', ca: 'NATS_TLS_CA' },
  /** User and password are part of $AMQP_URL (amqps://user:password@host/vhost, which needs the Secret too); a CA file for TLS. */
  amqp: { ca: 'AMQP_TLS_CA' },
  /** User and password; TLS is the URL's scheme (mqtts://), with a CA file. */
  mqtt: { username: 'MQTT_USERNAME', password: 'MQTT_PASSWORD', ca: 'MQTT_TLS_CA' },
} as const
