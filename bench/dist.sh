#!/usr/bin/env bash
# The distribution (README "Install"): its sizes, and start-up of the installed command (the
# jlink'ed runtime with its CDS archives) against the clone's launcher (the system JDK with its
# archive) in the same hyperfine run, both in a fresh JVM (STACKSCOPE_SERVER=off): --version and
# a cold `tree`. Usage: bench/dist.sh [runs]   (after mvn -B -Pdist package; needs hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
tarball=$(ls target/dist/stackscope-*-linux-x64.tar.gz)
deb=$(ls target/dist/stackscope_*_amd64.deb)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$tarball" -C "$tmp"
installed=$(echo "$tmp"/stackscope-*/bin/stackscope)

# Each launcher makes its application archive once (a detached training run): wait for both.
STACKSCOPE_SERVER=off "$installed" --version >/dev/null
STACKSCOPE_SERVER=off ./stackscope --version >/dev/null
for _ in $(seq 300); do
  compgen -G "$tmp/stackscope-*/lib/cds/*.lock" >/dev/null || compgen -G "target/cds/*.lock" >/dev/null || break
  sleep 1
done
ls "$tmp"/stackscope-*/lib/cds/*.jsa target/cds/*.jsa

echo "tarball: $(stat -c %s "$tarball") bytes; .deb: $(stat -c %s "$deb") bytes"
echo ".deb Installed-Size: $(dpkg-deb -f "$deb" Installed-Size) KiB; tarball unpacked: $(du -sk "$tmp" | cut -f1) KiB" \
  "(runtime $(du -sk "$tmp"/stackscope-*/runtime | cut -f1), lib $(du -sk "$tmp"/stackscope-*/lib | cut -f1) with the archive)"

hyperfine -N -w 3 -r "$runs" --export-markdown "$tmp/dist.md" --export-json "$tmp/dist.json" \
  -n "installed --version" "env STACKSCOPE_SERVER=off $installed --version" \
  -n "clone ./stackscope --version" "env STACKSCOPE_SERVER=off ./stackscope --version" \
  -n "installed tree" "env STACKSCOPE_SERVER=off $installed tree" \
  -n "clone ./stackscope tree" "env STACKSCOPE_SERVER=off ./stackscope tree"
cat "$tmp/dist.md"
# Medians, and the mean CPU time (user + system: what waiting on a loaded machine does not inflate).
python3 - "$tmp/dist.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']}: median {r['median'] * 1000:.0f} ms, CPU {(r['user'] + r['system']) * 1000:.0f} ms")
PY
