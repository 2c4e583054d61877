#!/usr/bin/env bash
# Makes sure what the tests talk to is running: the brokers and Redis (started before CI on this
# kind of machine; started here if not), a Docker engine for the containers tests, and the build
# tools of aws-lambda-ric, which the Lambda parity test installs when it first runs (e2e/lambda-tools.ts).
set -uo pipefail

up() { (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

need_apt=()
command -v nats-server >/dev/null || need_apt+=(nats-server)
command -v mosquitto >/dev/null || need_apt+=(mosquitto)
command -v rabbitmq-server >/dev/null || need_apt+=(rabbitmq-server)
command -v redis-server >/dev/null || need_apt+=(redis-server)
command -v dockerd >/dev/null || need_apt+=(docker.io)
command -v docker-compose >/dev/null || need_apt+=(docker-compose)
# aws-lambda-ric (the real Lambda runtime client the lambda parity test uses) compiles its native part.
command -v autoreconf >/dev/null || need_apt+=(autoconf automake libtool)
command -v cmake >/dev/null || need_apt+=(cmake)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null || exit 1
fi

up 4222 || start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server
up 1883 || mosquitto -d -c /etc/mosquitto/mosquitto.conf
up 6379 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
up 5672 || rabbitmq-server -detached

# Docker may create no bridge network here: host networking only.
if ! docker info >/dev/null 2>&1; then
  dockerd --bridge=none --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false >/tmp/purista-dockerd.log 2>&1 &
  echo $! >/tmp/purista-dockerd.pid
fi

for i in $(seq 1 60); do
  up 4222 && up 1883 && up 6379 && up 5672 && docker info >/dev/null 2>&1 && exit 0
  sleep 1
done
echo "services not ready after 60 s:"; for p in 4222 1883 6379 5672; do up $p || echo "  nothing on port $p"; done
docker info >/dev/null 2>&1 || { echo "  dockerd:"; tail -5 /tmp/purista-dockerd.log; }
exit 1
