#!/usr/bin/env bash
# The distribution (README "Install"), run by `mvn -Pdist package` after the jars are built:
#   target/dist/stackscope-VERSION-linux-x64.tar.gz   bin/ lib/ runtime/ man/ completions/ README
#                                                      LICENSE COPYRIGHT
#   target/dist/stackscope_VERSION_amd64.deb          /opt/stackscope, /usr/bin/stackscope, man
#                                                      pages and completions where users look
# Usage: build.sh BASEDIR TARGET VERSION OUTPUT_TIMESTAMP JAVA_HOME [MAINTAINER]
# The launcher is the clone's own (./stackscope) with src/dist/stackscope.layout beside it; the
# runtime is jlink'ed from the modules jdeps finds; the warm server's client is compiled here.
set -euo pipefail

base=$1 target=$2 version=$3 timestamp=$4 jdk=$5
maintainer=${6:-stackscope developers <stackscope@invalid>}
fail() { echo "dist: $*" >&2; exit 1; }

# One date for every file in both archives: the one Maven wrote into the jar (the commit's; the
# jar's own time when the build had no git to ask).
if [ -z "$timestamp" ]; then timestamp=@$(stat -c %Y "$target/stackscope-dist.jar"); fi
SOURCE_DATE_EPOCH=$(date -u -d "$timestamp" +%s) || fail "not a date: $timestamp"
export SOURCE_DATE_EPOCH
for tool in jdeps jlink; do
  [ -x "$jdk/bin/$tool" ] || fail "$jdk/bin/$tool missing: a full JDK is needed to build the distribution"
done
[ -d "$jdk/jmods" ] || fail "$jdk/jmods missing: jlink needs the JDK's jmods (Debian: openjdk-17-jdk-headless ships them)"
cc=$(command -v cc || command -v gcc) || fail "no C compiler (cc) for the warm server's client"

name=stackscope-$version
work=$target/dist-work
out=$target/dist
stage=$work/$name
rm -rf "$work" "$out"
mkdir -p "$stage/bin" "$stage/lib" "$stage/man/man1" "$stage/completions" "$out"

# The launcher and its layout; the jar whose manifest names its libraries beside it (lib/*.jar).
install -m 755 "$base/stackscope" "$stage/bin/stackscope"
install -m 644 "$base/src/dist/stackscope.layout" "$stage/bin/stackscope.layout"
install -m 644 "$target/stackscope-dist.jar" "$stage/lib/stackscope.jar"
# Exactly the libraries the manifest names (target/lib can hold older versions of them).
(cd "$work" && "$jdk/bin/jar" --extract --file "$stage/lib/stackscope.jar" META-INF/MANIFEST.MF)
classpath=$(tr -d '\r' <"$work/META-INF/MANIFEST.MF" |
  awk '/^ / { line = line substr($0, 2); next } { if (line != "") print line; line = $0 } END { print line }' |
  sed -n 's/^Class-Path: //p')
[ -n "$classpath" ] || fail "no Class-Path in the jar's manifest"
for library in $classpath; do
  install -m 644 "$target/lib/$library" "$stage/lib/$library"
done
rm -rf "$work/META-INF"

# The client, as the launcher builds it in a clone: static when the C library allows it.
client=$stage/lib/stackscope-client
"$cc" -O2 -static -o "$client" "$base/src/main/c/stackscope-client.c" 2>/dev/null ||
  "$cc" -O2 -o "$client" "$base/src/main/c/stackscope-client.c"

# The runtime: the modules jdeps finds for the jar and its libraries, less two it finds only in
# code stackscope never reaches: java.desktop (JNA's and OSHI's AWT helpers and their macOS and
# Windows drivers, ICU4J's Bidi for AWT text attributes, JLine's console engine; it would also add
# libfreetype, libharfbuzz, libjpeg and liblcms2 to Depends) and jdk.javadoc (ICU4J's Javadoc
# taglet, a tool for ICU's own build). The CDS training run and DistIT run the commands on it.
found=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
  --class-path "$stage/lib/*" "$stage/lib/stackscope.jar")
modules=$(tr , '\n' <<<"$found" | grep -vxE 'java\.desktop|jdk\.javadoc' | paste -sd, -)
echo "dist: jdeps found $found; the runtime has $modules"
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive \
  --output "$stage/runtime"
# jlink archives the runtime's classes twice: for compressed object pointers (classes.jsa) and for
# heaps over 32 GiB without them (classes_nocoops.jsa, 10 MB), a size stackscope never asks for.
rm -f "$stage/runtime/lib/server/classes_nocoops.jsa"

install -m 644 "$base"/man/*.1 "$stage/man/man1/"
install -m 644 "$base/completions/stackscope.bash" "$base/completions/_stackscope" "$stage/completions/"
install -m 644 "$base/README.md" "$stage/README.md"
install -m 644 "$base/LICENSE" "$stage/LICENSE"
install -m 644 "$base/src/dist/copyright" "$stage/COPYRIGHT"

# Reproducible archives: sorted names, one owner, one date, no gzip time stamp.
tarball=$out/$name-linux-x64.tar.gz
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$work" -cf - "$name" | gzip -6n >"$tarball"
echo "dist: $tarball"

if ! command -v dpkg-deb >/dev/null || ! command -v dpkg-shlibdeps >/dev/null; then
  echo "dist: no dpkg-deb/dpkg-shlibdeps (Debian's dpkg-dev): no .deb built" >&2
  exit 0
fi
root=$work/deb
opt=$root/opt/stackscope
mkdir -p "$opt" "$root/usr/bin" "$root/usr/share/man/man1" "$root/usr/share/bash-completion/completions" \
  "$root/usr/share/zsh/vendor-completions" "$root/usr/share/doc/stackscope" "$root/DEBIAN"
cp -a "$stage/bin" "$stage/lib" "$stage/runtime" "$opt/"
ln -s /opt/stackscope/bin/stackscope "$root/usr/bin/stackscope"
for page in "$stage"/man/man1/*.1; do
  gzip -9n <"$page" >"$root/usr/share/man/man1/${page##*/}.gz"
done
install -m 644 "$stage/completions/stackscope.bash" "$root/usr/share/bash-completion/completions/stackscope"
install -m 644 "$stage/completions/_stackscope" "$root/usr/share/zsh/vendor-completions/_stackscope"
install -m 644 "$stage/README.md" "$root/usr/share/doc/stackscope/README.md"
install -m 644 "$stage/COPYRIGHT" "$root/usr/share/doc/stackscope/copyright"
install -m 755 "$base/src/dist/deb/postinst" "$base/src/dist/deb/prerm" "$root/DEBIAN/"

# Depends: the shared libraries that the runtime's and the client's ELF files need, as Debian's
# own tool maps them to packages (libc6, zlib1g for libzip/libjli, libstdc++6 and libgcc-s1 for
# libjvm on Debian's JDK); libraries of the runtime itself are found in the runtime.
elves=()
while IFS= read -r -d '' f; do
  if [ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ]; then elves+=(-e "$f"); fi
done < <(find "$opt" -type f -print0 | sort -z)
shlibs=$work/shlibs
mkdir -p "$shlibs/debian"
printf 'Source: stackscope\n\nPackage: stackscope\nArchitecture: amd64\n' >"$shlibs/debian/control"
depends=$(cd "$shlibs" && dpkg-shlibdeps -O -l"$opt/runtime/lib" -l"$opt/runtime/lib/server" \
  "${elves[@]}" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || fail "dpkg-shlibdeps found no dependencies"
debian_version=${version//-/\~}
cat >"$root/DEBIAN/control" <<EOF
Package: stackscope
Version: $debian_version
Architecture: amd64
Maintainer: $maintainer
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Section: admin
Priority: optional
Description: see the pieces of a production web stack from one host
 Processes, ports, interfaces, DNS, URLs, IP addresses and the web stack on a
 host, in one command-line tool with text, tree, detail and JSON output.
 Ships its own Java runtime (jlink'ed): no JDK is needed.
EOF
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
deb=$out/stackscope_${debian_version}_amd64.deb
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
echo "dist: $deb"
