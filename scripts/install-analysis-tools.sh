#!/usr/bin/env bash
# Installs from Debian what the build and the tests that read outputs as a researcher need:
# zlib1g-dev (the system zlib that --compress links, a build requirement), pandas for Debian's python3 (the Results/README.md examples, the seed round trip) and R
# (read.csv round trip). Tests skip, saying why, where these are missing; CI runs this first.
set -euo pipefail
missing=()
# zlib's headers and pkg-config file: the build links the system zlib for --compress (.csv.gz).
if ! pkg-config --exists zlib 2>/dev/null || [ ! -f /usr/include/zlib.h ]; then
    missing+=(zlib1g-dev)
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
fi
/usr/bin/python3 -c "import pandas" 2>/dev/null || missing+=(python3-pandas)
command -v Rscript >/dev/null 2>&1 || missing+=(r-base-core)
if [ ${#missing[@]} -eq 0 ]; then
    echo "analysis tools: present"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "analysis tools: missing ${missing[*]}; run as root (apt-get) or install them yourself" >&2
    exit 0
fi
echo "analysis tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
