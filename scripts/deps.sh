#!/usr/bin/env bash
# Installs the Debian packages EventFlow needs, and only those missing, so a
# second run costs a single dpkg-query.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ clang libclang-rt-14-dev pkg-config
  qt6-base-dev qt6-base-dev-tools libqcustomplot-dev
  qt6-httpserver-dev qt6-websockets-dev libhttp-parser-dev
  libsimdjson-dev rapidjson-dev
  fonts-dejavu-core xvfb xauth curl
  awscli python3-boto3 python3-yaml
  libyaml-cpp-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
