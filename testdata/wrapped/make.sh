#!/usr/bin/env bash
# Regenerates testdata/wrapped: known SBOMs from testdata/corpus/real,
# compressed, archived and re-encoded by the real tools people use, plus the
# broken, unsupported and bomb cases. The outputs are committed; run this
# only to change them, then review the diff.
#
# Needs: gzip zstd xz bzip2 lz4 zip tar iconv 7zz (Debian: 7zip) python3.
set -euo pipefail
cd "$(dirname "$0")"
real=../corpus/real
A=$real/gradle-java-test-app-cdxgen.cdx.json # CycloneDX JSON, has junit:junit 4.12
B=$real/go-sbomqs-trivy.spdx                 # SPDX tag-value, has github.com/spf13/cobra
C=$real/go-sbomqs-syft.spdx                  # SPDX tag-value
export TZ=UTC LC_ALL=C
rm -rf gzip zstd xz bzip2 utf8-bom utf16le utf16be utf16le-nobom zip tar nested flat failing skipped bombs
mkdir -p gzip zstd xz bzip2 utf8-bom utf16le utf16be utf16le-nobom zip tar nested flat failing skipped bombs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stamp() { find "$@" -exec touch -h -d @946684800 {} +; } # fixed times: same archives every run

# One SBOM per folder, each wrapped once. The names say nothing true on
# purpose for gzip: wrappings are recognised by their bytes.
gzip -n -9 <"$A" >gzip/bom.json
zstd -q -19 <"$A" >zstd/bom.json.zst
xz -9 <"$A" >xz/bom.json.xz
bzip2 -9 <"$A" >bzip2/bom.json.bz2
{ printf '\xef\xbb\xbf'; cat "$A"; } >utf8-bom/bom.json
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$A"; } >utf16le/bom.json
{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$A"; } >utf16be/bom.json
iconv -f UTF-8 -t UTF-16LE "$B" >utf16le-nobom/bom.spdx # as PowerShell's "> file" writes it, BOM aside

# Archives: members are files of the walk, named archive!member.
mkdir -p "$tmp/z/svc-a" "$tmp/z/svc-b"
cp "$A" "$tmp/z/svc-a/bom.cdx.json"
cp "$B" "$tmp/z/svc-b/bom.spdx"
echo "notes, not an SBOM" >"$tmp/z/notes.txt"
stamp "$tmp/z"
(cd "$tmp/z" && zip -q -X -9 -r - svc-a svc-b notes.txt) >zip/sboms.zip

mkdir -p "$tmp/t/svc-c" "$tmp/t/svc-d"
cp "$A" "$tmp/t/svc-c/bom.cdx.json"
cp "$B" "$tmp/t/svc-d/bom.spdx"
ln -s ../svc-c/bom.cdx.json "$tmp/t/svc-d/link.json"
stamp "$tmp/t"
tar -C "$tmp/t" --sort=name --owner=0 --group=0 --numeric-owner -cf - ./svc-c ./svc-d | gzip -n -9 >tar/sboms.tar.gz

# Nested: a zip inside a tar.gz, holding a gzip-compressed SBOM.
mkdir -p "$tmp/n/inner" "$tmp/n/outer/dir"
gzip -n -9 <"$B" >"$tmp/n/inner/c.spdx.gz"
stamp "$tmp/n"
(cd "$tmp/n/inner" && zip -q -X -0 - c.spdx.gz) >"$tmp/n/outer/dir/inner.zip"
stamp "$tmp/n"
tar -C "$tmp/n/outer" --sort=name --owner=0 --group=0 --numeric-owner -cf - dir | gzip -n -9 >nested/outer.tar.gz

# A landscape's flat folder kept as one archive of several services' SBOMs:
# as extracted they would share a folder, so each is named by its root.
mkdir -p "$tmp/f"
cp "$A" "$tmp/f/java-app.cdx.json"
cp "$B" "$tmp/f/sbomqs-trivy.spdx"
cp "$C" "$tmp/f/sbomqs-syft.spdx"
stamp "$tmp/f"
(cd "$tmp/f" && zip -q -X -9 - java-app.cdx.json sbomqs-trivy.spdx sbomqs-syft.spdx) >flat/landscape.zip

# Failing: recognised but not unwrapped, or broken; never "not an SBOM".
(cd "$tmp/z" && 7zz a -bso0 -bsp0 "$OLDPWD/failing/sboms.7z" svc-a/bom.cdx.json)
printf 'Rar!\x1a\x07\x01\x00\x33\x92\xb5\xe5\x0a\x01\x05\x06\x00\x05\x01\x01\x80\x80\x00' >failing/sboms.rar # the first bytes of a RAR 5 archive: no free tool writes one
lz4 -q -9 <"$A" >failing/bom.json.lz4
xz --format=lzma <"$A" >failing/bom.json.lzma
(cd "$tmp/z" && zip -q -X -P secret - svc-a/bom.cdx.json) >failing/encrypted.zip
(cd "$tmp/z" && zip -q -X -Z bzip2 - svc-a/bom.cdx.json) >failing/bzip2-method.zip
gzip -n <"$A" | gzip -n | gzip -n | gzip -n | gzip -n >failing/deep.json.gz # five wrappings: one too many
head -c 2000 tar/sboms.tar.gz >failing/truncated.tar.gz # cut inside the second member
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$A"; printf '\n'; } >failing/odd-utf16.json
{ printf '\xff\xfe{\0"\0x\0"\0:\0"\0\x00\xd8"\0}\0'; } >failing/surrogate-utf16.json # a lone high surrogate
{ printf '\xff\xfe\0\0'; iconv -f UTF-8 -t UTF-32LE "$A"; } >failing/utf32.json
python3 - <<'EOF'
import zipfile, warnings
warnings.simplefilter("ignore")
with zipfile.ZipFile("failing/dupes.zip", "w") as z:
    for body in (open("../corpus/real/gradle-java-test-app-cdxgen.cdx.json", "rb").read(), b"second copy"):
        z.writestr(zipfile.ZipInfo("bom.json", (2000, 1, 1, 0, 0, 0)), body)
with zipfile.ZipFile("skipped/empty.zip", "w"):
    pass
# A 1x1 PNG: a binary that is no wrapping sbomx knows stays "not an SBOM".
import base64
open("skipped/pixel.png", "wb").write(base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="))
EOF

# Bombs: 16 MiB of zeros each, read with a 1 MiB limit (the tests set it).
head -c 16M /dev/zero | gzip -n -9 >bombs/zero.json.gz
head -c 16M /dev/zero | zstd -q -19 >bombs/zero.json.zst
head -c 16M /dev/zero | xz -9 >bombs/zero.json.xz
head -c 16M /dev/zero | bzip2 -9 >bombs/zero.json.bz2
head -c 16M /dev/zero >"$tmp/zero.json"
stamp "$tmp/zero.json"
(cd "$tmp" && zip -q -X -9 - zero.json) >bombs/zero.zip
tar -C "$tmp" --owner=0 --group=0 --numeric-owner -cf - zero.json | gzip -n -9 >bombs/zero.tar.gz
echo ok
