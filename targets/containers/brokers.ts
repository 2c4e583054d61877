type Broker = 'nats' | 'amqp' | 'mqtt'

/** How each broker runs beside the app in docker-compose, and how the containers reach it. */
export const BROKERS: Record<Broker, { service: string; image: string; command?: string[]; url: string; healthcheck: string[] }> = {
  nats: { service: 'nats', image: 'nats:2.10', command: ['-js', '-m', '8222'], url: 'nats://nats:4222', healthcheck: ['CMD', 'nats-server', '--help'] },
  amqp: { service: 'rabbitmq', image: 'rabbitmq:3.13', url: 'amqp://guest:guest@rabbitmq:5672', healthcheck: ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'] },
  mqtt: { service: 'mosquitto', image: 'eclipse-mosquitto:2', command: ['mosquitto', '-c', '/mosquitto-no-auth.conf'], url: 'mqtt://mosquitto:1883', healthcheck: ['CMD', 'mosquitto_sub', '-t', '$$SYS/#', '-C', '1', '-W', '3'] },
}

export const REDIS = { service: 'redis', image: 'redis:7', url: 'redis://redis:6379', healthcheck: ['CMD', 'redis-cli', 'ping'] }
