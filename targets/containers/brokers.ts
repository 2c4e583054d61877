type Broker = 'nats' | 'amqp' | 'mqtt'

interface Infrastructure {
  service: string
  image: string
  command?: string[]
  url: string
  /** A check that passes only once the server serves clients: compose starts the app's containers after it. */
  healthcheck: string[]
}

/** How each broker runs beside the app in docker-compose, and how the containers reach it. */
export const BROKERS: Record<Broker, Infrastructure> = {
  // The plain nats image holds nothing but nats-server, whose only self-test (--help) always passes;
  // the alpine one has busybox wget for the monitoring endpoint, whose /healthz fails (503) until
  // the server, JetStream included, is ready.
  nats: { service: 'nats', image: 'nats:2.10-alpine', command: ['-js', '-m', '8222'], url: 'nats://nats:4222', healthcheck: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8222/healthz'] },
  // ping answers once the Erlang node runs, before the AMQP listener may accept: this connects to it.
  // No user in the URL, so no password in a ConfigMap: amqplib signs in as RabbitMQ's guest then, and
  // an AMQP_URL with a user and password from the environment or the Secret replaces it.
  amqp: { service: 'rabbitmq', image: 'rabbitmq:3.13', url: 'amqp://rabbitmq:5672', healthcheck: ['CMD', 'rabbitmq-diagnostics', '-q', 'check_port_connectivity'] },
  // A subscriber that receives one of the broker's own $SYS messages within 3 s: the listener accepts and delivers.
  mqtt: { service: 'mosquitto', image: 'eclipse-mosquitto:2', command: ['mosquitto', '-c', '/mosquitto-no-auth.conf'], url: 'mqtt://mosquitto:1883', healthcheck: ['CMD', 'mosquitto_sub', '-t', '$$SYS/#', '-C', '1', '-W', '3'] },
}

// While Redis loads its data it answers ping with a LOADING error: only PONG means it serves.
export const REDIS: Infrastructure = { service: 'redis', image: 'redis:7', url: 'redis://redis:6379', healthcheck: ['CMD-SHELL', 'redis-cli ping | grep -q PONG'] }
