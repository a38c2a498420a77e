#!/usr/bin/env bash
# http against a local nginx, plain and over TLS: stackscope http (warm server, and a fresh JVM)
# vs curl -s -o /dev/null vs httpie, in the same hyperfine run; then HTTP/2 over TLS through
# haproxy (alpn h2,http/1.1) in front of the same nginx, against curl --http2. Target (issue 18):
# warm stackscope within 1.5x curl's wall time, faster than httpie.
# Needs hyperfine, nginx, openssl, curl; httpie (Debian package httpie) and haproxy when present.
# Usage: bench/http.sh    (RUNS=N for more runs; default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
work=$(mktemp -d /tmp/stackscope-bench-http.XXXXXX)
chmod 755 "$work"   # nginx workers (nobody when started as root) read www/
trap 'kill $(cat "$work/nginx.pid" "$work/haproxy.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
# free ports of the moment (fixed ones collide with other servers on a shared machine)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
plain=$(free_port)
tls=$(free_port)
h2=$(free_port)
(cd "$work" &&
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -subj "/CN=bench CA" -days 2 2>/dev/null &&
  openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj "/CN=localhost" 2>/dev/null &&
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > ext &&
  openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out leaf.pem -days 2 -extfile ext 2>/dev/null)
mkdir -p "$work/www" "$work/tmp"; chmod 755 "$work/www"
head -c 10240 /dev/urandom | base64 > "$work/www/index.html"
cat > "$work/nginx.conf" <<CONF
error_log $work/error.log;
pid $work/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$plain; root $work/www; }
  server { listen 127.0.0.1:$tls ssl; ssl_certificate $work/leaf.pem; ssl_certificate_key $work/leaf.key; root $work/www; }
}
CONF
/usr/sbin/nginx -e "$work/error.log" -p "$work" -c "$work/nginx.conf"
sleep 0.5
warm_server
for scheme in http https; do
  port=$plain; extra=(); curlx=(); httpx=()
  if [ "$scheme" = https ]; then
    port=$tls; extra=(--cacert "$work/ca.pem"); curlx=(--cacert "$work/ca.pem"); httpx=(--verify "$work/ca.pem")
  fi
  url="$scheme://localhost:$port/index.html"
  cmds=(
    -n "stackscope http (warm server)" "env STACKSCOPE_SERVER=require ./stackscope http $url ${extra[*]} --resolve localhost:$port:127.0.0.1"
    -n "stackscope http (fresh JVM)" "env STACKSCOPE_SERVER=off ./stackscope http $url ${extra[*]} --resolve localhost:$port:127.0.0.1"
    -n "curl -s -o /dev/null" "curl -s -o /dev/null ${curlx[*]} --resolve localhost:$port:127.0.0.1 $url"
  )
  if command -v http >/dev/null; then
    cmds+=(-n "httpie" "http --ignore-stdin -b ${httpx[*]} $scheme://127.0.0.1:$port/index.html")
  fi
  hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-json "/tmp/http-bench-$scheme.json" "${cmds[@]}"
done

if command -v haproxy >/dev/null; then
  cat "$work/leaf.pem" "$work/leaf.key" > "$work/combined.pem"
  cat > "$work/haproxy.cfg" <<CONF
global
  log stderr format raw local0 err
defaults
  mode http
  timeout connect 5s
  timeout client 10s
  timeout server 10s
frontend fe
  bind 127.0.0.1:$h2 ssl crt $work/combined.pem alpn h2,http/1.1
  default_backend be
backend be
  server nginx 127.0.0.1:$plain
CONF
  haproxy -D -p "$work/haproxy.pid" -f "$work/haproxy.cfg"
  sleep 0.5
  url="https://localhost:$h2/index.html"
  hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-json /tmp/http-bench-h2.json \
    -n "stackscope http --http2 (warm server)" "env STACKSCOPE_SERVER=require ./stackscope http $url --http2 --cacert $work/ca.pem --resolve localhost:$h2:127.0.0.1" \
    -n "stackscope http --http2 (fresh JVM)" "env STACKSCOPE_SERVER=off ./stackscope http $url --http2 --cacert $work/ca.pem --resolve localhost:$h2:127.0.0.1" \
    -n "curl --http2 -s -o /dev/null" "curl --http2 -s -o /dev/null --cacert $work/ca.pem --resolve localhost:$h2:127.0.0.1 $url"
fi
