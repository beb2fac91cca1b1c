#!/usr/bin/env bash
# Debian packages the tests use to make their own audio: espeak-ng (Mandarin voice),
# ffmpeg and sox. Installed when missing and we may (root with apt); otherwise we say so,
# and the voice tests fail loudly rather than skip.
set -euo pipefail
missing=()
for tool in espeak-ng ffmpeg sox; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "please install: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
