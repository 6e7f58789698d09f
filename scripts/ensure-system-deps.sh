#!/usr/bin/env bash
# Makes sure the Debian packages the tests need are installed:
#   chromium                                 the browser the webview and host layers drive
#   libkrb5-dev libx11-dev libxkbfile-dev    headers code-server's native modules build against
#   libsecret-1-dev pkg-config python3 make g++
#   fonts-dejavu-core                        so screenshots render text
#   dataset-fashion-mnist                    Fashion-MNIST IDX files (/usr/share/datasets/fashion-mnist) for
#                                            the IDX loader's tests and the 60k autoencoder bench
# Idempotent: checks each with `dpkg -s` and does nothing when all are present. When some are
# missing it runs `apt-get update` once and installs them, which needs root (CI runs as root);
# otherwise it prints the command to run and fails.
set -euo pipefail

PACKAGES=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config python3 make g++ fonts-dejavu-core dataset-fashion-mnist)

missing=()
for pkg in "${PACKAGES[@]}"; do
  # `dpkg -s` also succeeds for removed-but-configured packages; require "install ok installed".
  if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "[ensure-system-deps] all present: ${PACKAGES[*]}"
  exit 0
fi

echo "[ensure-system-deps] missing: ${missing[*]}"
if [[ "$(id -u)" -ne 0 ]]; then
  echo "[ensure-system-deps] not root; run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "${missing[@]}"
echo "[ensure-system-deps] installed: ${missing[*]}"
