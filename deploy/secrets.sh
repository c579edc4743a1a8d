#!/bin/sh
# Makes what compose.yaml needs and the repository must never hold: the gateway's Ed25519 key pair
# (secrets/gateway.pem for the gateway, secrets/public/gateway.pub.pem for the subgraphs) and, in
# .env, PERSON_ID_KEY, CACHE_KEY (32 random bytes, base64), POSTGRES_PASSWORD and
# SERVICE_DATABASE_PASSWORD (hex: they go into URLs). Keeps what exists already, so running it again changes nothing. Needs openssl.
set -eu
cd "$(dirname "$0")/.."
umask 077
mkdir -p secrets/public
[ -f secrets/gateway.pem ] || openssl genpkey -algorithm ed25519 -out secrets/gateway.pem
[ -f secrets/public/gateway.pub.pem ] || openssl pkey -in secrets/gateway.pem -pubout -out secrets/public/gateway.pub.pem
chmod 755 secrets/public
chmod 644 secrets/public/gateway.pub.pem
touch .env
add() { grep -q "^$1=" .env || echo "$1=$2" >> .env; }
add PERSON_ID_KEY "$(openssl rand -base64 32)"
add CACHE_KEY "$(openssl rand -base64 32)"
add POSTGRES_PASSWORD "$(openssl rand -hex 24)"
add SERVICE_DATABASE_PASSWORD "$(openssl rand -hex 24)"
# The containers run as uid 1000 and must read the private key.
if [ "$(id -u)" != 1000 ]; then
  echo "secrets/gateway.pem belongs to uid $(id -u); the containers run as uid 1000: sudo chown 1000 secrets/gateway.pem" >&2
fi
echo "Keys in secrets/ and .env. Back up PERSON_ID_KEY: the opaque Employee ids and the audit log's CPR hashes depend on it."
