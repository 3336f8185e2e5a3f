#!/usr/bin/env bash
# Installs the Debian packages the kit needs, only when they are missing: socat (the simulated radio), chromium
# (the dashboard's browser tests and the report's PDF), mosquitto (the ground-station network's broker in tests),
# and Noto fonts for the scripts of the dashboard's languages (Arabic, Persian and Urdu, Thai, Bengali, Chinese:
# the browser tests and the PDF reports render them, and no web font is ever fetched).
# Give command names to install only those (npm start asks for socat alone); "fonts" names the fonts.
# Run as root (CI is); as another user it prints the apt-get command to run instead.
set -euo pipefail

# command-on-PATH:debian-package
NEEDED=(
  socat:socat
  chromium:chromium
  mosquitto:mosquitto
)

# font-family-fontconfig-knows:debian-package
FONTS=(
  "Noto Sans Arabic:fonts-noto-core"
  "Noto Sans Thai:fonts-noto-core"
  "Noto Sans Bengali:fonts-noto-core"
  "Noto Sans CJK SC:fonts-noto-cjk"
)

missing=()
for pair in "${NEEDED[@]}"; do
  if [ $# -gt 0 ] && [[ " $* " != *" ${pair%%:*} "* ]]; then continue; fi
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if [ $# -eq 0 ] || [[ " $* " == *" fonts "* ]]; then
  families="$(fc-list : family 2>/dev/null || true)"
  for pair in "${FONTS[@]}"; do
    package="${pair#*:}"
    if [[ "$families" != *"${pair%%:*}"* && " ${missing[*]:-} " != *" $package "* ]]; then missing+=("$package"); fi
  done
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "missing system packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing system packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
