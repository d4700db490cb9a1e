# SPDX-License-Identifier: GPL-2.0-only
# Shared helpers for the vdgpu test platform scripts (sourced, not run).

VDGPU_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VDGPU_CACHE=${VDGPU_CACHE:-/var/cache/vdgpu}
# Every script logs into build/ and logs/: a fresh cache has them too.
mkdir -p "$VDGPU_CACHE/build" "$VDGPU_CACHE/logs"

# VDGPU_DRY_RUN=1 ends a target, with exit status 3 and a VDGPU-DRY-RUN
# line, where it would start the debug kernel build or boot a guest; the
# host self-test (selftest/fresh-cache.sh) runs every top-level target so
# from an empty cache. dry_run_stop WHAT stops there.
dry_run_stop() {
	[ "${VDGPU_DRY_RUN:-0}" = 1 ] || return 0
	echo "VDGPU-DRY-RUN: $1" >&2
	exit 3
}

log() { printf '[vdgpu %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# hash_of FILE... : short content hash used as a cache key
hash_of() { cat "$@" | sha256sum | cut -c1-16; }

# run_logged LOG DESC CMD... : run a long command into LOG, printing a progress
# line every 60 s and the log tail on failure.
run_logged() {
	local logf=$1 desc=$2 start rc=0 ticker
	shift 2
	start=$(date +%s)
	log "$desc (log: $logf)"
	(
		sp=
		trap 'kill $sp 2>/dev/null; exit 0' TERM
		while :; do
			sleep 60 &
			sp=$!
			wait $sp
			log "  ... $desc: $(( ($(date +%s) - start) / 60 )) min, $(tail -n1 "$logf" 2>/dev/null | cut -c1-100)"
		done
	) &
	ticker=$!
	"$@" >"$logf" 2>&1 || rc=$?
	kill "$ticker" 2>/dev/null || true
	wait "$ticker" 2>/dev/null || true
	if [ $rc -ne 0 ]; then
		tail -n 40 "$logf" >&2
		die "$desc failed (exit $rc)"
	fi
	log "$desc done in $(( $(date +%s) - start )) s"
}
