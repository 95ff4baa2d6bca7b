#!/usr/bin/env bash
# Mints a LOCAL bearer token for trying returns-service (dev profile). Not for production: production tokens come
# from the OIDC provider configured with JWT_PUBLIC_KEY_LOCATION / JWT_ISSUER.
#
#   scripts/mint-token.sh <user> <role>[,<role>...] [<location>,<location>...] [ttl-seconds]
#   e.g. TOKEN=$(scripts/mint-token.sh ana warehouse-staff berlin)
#        curl -H "Authorization: Bearer $TOKEN" localhost:8083/returns
#
# The first run creates an RSA key pair in run/jwt/ (git-ignored). returns-service in dev mode verifies with
# run/jwt/publicKey.pem; elsewhere point JWT_PUBLIC_KEY_LOCATION=file:$PWD/run/jwt/publicKey.pem at it.
set -euo pipefail
user=${1:?usage: mint-token.sh <user> <roles> [locations] [ttl-seconds]}
roles=${2:?roles, comma separated: admin, merchant-ops, warehouse-staff, service, returns-supervisor}
locations=${3:-}
ttl=${4:-3600}
issuer=${JWT_ISSUER:-https://shelfsync.dev/local}
dir="$(cd "$(dirname "$0")/.." && pwd)/run/jwt"

mkdir -p "$dir"
if [[ ! -f "$dir/privateKey.pem" ]]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/privateKey.pem" 2>/dev/null
    openssl pkey -in "$dir/privateKey.pem" -pubout -out "$dir/publicKey.pem"
    chmod 600 "$dir/privateKey.pem"
fi

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
json_list() { # "a,b" -> ["a","b"]
    local IFS=, out="" item
    for item in $1; do out+="${out:+,}\"$item\""; done
    printf '[%s]' "$out"
}

now=$(date +%s)
header='{"alg":"RS256","typ":"JWT"}'
payload=$(printf '{"iss":"%s","aud":"shelfsync","sub":"%s","upn":"%s","groups":%s,"locations":%s,"iat":%d,"exp":%d,"jti":"%s"}' \
    "$issuer" "$user" "$user" "$(json_list "$roles")" "$(json_list "$locations")" "$now" "$((now + ttl))" \
    "$(openssl rand -hex 8)")
signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature=$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$dir/privateKey.pem" -binary | b64url)
printf '%s.%s\n' "$signing_input" "$signature"
