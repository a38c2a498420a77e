#!/usr/bin/env bash
# Start-up time: ./stackscope --version and a trivial subcommand vs a bare-JVM hello world,
# in the same hyperfine run. Usage: bench/startup.sh [runs]   (needs hyperfine, a JDK, Maven)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

./stackscope --version >/dev/null          # builds the jar if needed, starts the CDS training run
sleep 5                                     # let the training run write the archive
cat > "$tmp/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
javac -d "$tmp" "$tmp/Hello.java"
(cd "$tmp" && jar cfe hello.jar Hello Hello.class)

args=(-N -w 3 -r "$runs" --export-markdown "$tmp/startup.md")
hyperfine "${args[@]}" \
  -n "java hello-world (bare JVM)" "java -Xshare:auto -jar $tmp/hello.jar" \
  -n "java -jar stackscope.jar --version (no flags, no CDS)" "java -jar target/stackscope.jar --version" \
  -n "./stackscope --version" "./stackscope --version" \
  -n "./stackscope completion bash" "./stackscope completion bash" \
  -n "STACKSCOPE_NO_CDS=1 ./stackscope --version" "env STACKSCOPE_NO_CDS=1 ./stackscope --version"
if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./stackscope --version >/dev/null
  sleep 10
  hyperfine -N -w 3 -r "$runs" \
    -n "JDK 25 hello-world" "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar $tmp/hello.jar" \
    -n "JDK 25 ./stackscope --version (AOT cache)" \
    "env JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./stackscope --version"
fi
cat "$tmp/startup.md"
