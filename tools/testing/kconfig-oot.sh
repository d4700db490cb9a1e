#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Out-of-tree use of the top-level Kconfig: print "CONFIG_X=val" make
# arguments for every vdgpu option, as Kconfig would resolve them against the
# target kernel's .config (KDIR), and fail when the target kernel lacks a
# symbol an enabled option selects. A kernel that already knows the options
# (the debug kernel, whose tree includes our Kconfig) keeps its own values.
#
# Handles the subset of Kconfig used by our file: config blocks with
# tristate/bool, "depends on A && B && !C", "select X", "default m|y|n|SYM".
set -euo pipefail

kdir=${1:?usage: kconfig-oot.sh KDIR}
kconfig=$(dirname "$0")/../../Kconfig
kcfg=$kdir/.config
[ -f "$kcfg" ] || { echo "kconfig-oot: $kcfg not found" >&2; exit 1; }

awk -v kcfg="$kcfg" '
function val(sym) { return (sym in v) ? v[sym] : "n" }
function on(sym) { return val(sym) == "y" || val(sym) == "m" }
function finish(   i, n, d, ok, sym, neg, value) {
	if (name == "") return
	if (("CONFIG_" name) in known) {
		v[name] = known["CONFIG_" name]
	} else {
		ok = 1
		n = split(deps, d, "&&")
		for (i = 1; i <= n; i++) {
			sym = d[i]; gsub(/[ \t()]/, "", sym)
			if (sym == "") continue
			neg = sub(/^!/, "", sym)
			if (neg ? on(sym) : !on(sym)) ok = 0
		}
		value = "n"
		if (ok && def != "")
			value = (def == "y" || def == "m" || def == "n") ? def : val(def)
		v[name] = value
	}
	if (on(name)) {
		n = split(sels, d, " ")
		for (i = 1; i <= n; i++)
			if (!on(d[i])) {
				printf "kconfig-oot: CONFIG_%s needs CONFIG_%s, which the target kernel lacks\n", name, d[i] > "/dev/stderr"
				failed = 1
			}
		printf "CONFIG_%s=%s\n", name, v[name]
	}
	name = ""; deps = ""; sels = ""; def = ""
}
BEGIN {
	while ((getline line < kcfg) > 0)
		if (line ~ /^CONFIG_[A-Za-z0-9_]+=/) {
			split(line, kv, "=")
			known[kv[1]] = kv[2]
			v[substr(kv[1], 8)] = kv[2]
		}
}
/^config / { finish(); name = $2; next }
/^[ \t]+depends on / { sub(/^[ \t]+depends on /, ""); deps = deps (deps == "" ? "" : "&&") $0; next }
/^[ \t]+select / { sels = sels " " $2; next }
/^[ \t]+default / { if (def == "") def = $2; next }
END { finish(); exit failed }
' "$kconfig" | tr '\n' ' '
