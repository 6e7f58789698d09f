#!/usr/bin/env bash
# HW6 Lab's Gradescope autograder: Gradescope runs this once, as root, when it builds the
# autograder's image (an Ubuntu base image, with this zip unpacked in /autograder/source).
# The grader needs Node.js 20 or later (the `hw6-lab` CLI and Node's permission model for the
# isolated runner). Ubuntu's own `nodejs` is older (22.04: 12, 24.04: 18), so Node comes from
# NodeSource's apt repository; HW6_NODE_MAJOR picks its major version (default 22, an LTS).
# Nothing else is installed: the CLI bundle carries everything it loads (tfjs and its wasm files).
set -euo pipefail

NODE_MAJOR="${HW6_NODE_MAJOR:-22}"

node_major() {
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

if [ "$(node_major)" -ge 20 ]; then
  echo "setup.sh: Node $(node -v) is installed already; nothing to do."
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl gnupg
curl -fsSL "https://deb.nodesource.com/setup_${NODE_MAJOR}.x" | bash -
apt-get install -y nodejs

if [ "$(node_major)" -lt 20 ]; then
  echo "setup.sh: HW6 Lab's grader needs Node.js 20 or later; this image has $(node -v 2>/dev/null || echo none)." >&2
  exit 1
fi
echo "setup.sh: Node $(node -v) installed."
