# SPDX-License-Identifier: GPL-2.0-only
#
# vdgpu top-level Makefile. Build products and kernels live in the cache
# (VDGPU_CACHE, default /var/cache/vdgpu), never in the work tree.
#
#   make check              build and run every test on every kernel profile
#   make check PROFILES=stock   ... on some profiles (stock debug debug-iommu)
#   make demo               boot the guest and show devices and P2P routes
#   make bench              run the benchmarks in one guest boot, print tables
#   make bench BENCHES=migrate  ... only the matching ones
#   make fuzz               run the fuzzer in the debug guest (FUZZ_SECONDS=600)
#   make fuzz FUZZ_SECONDS=N SEED=S FUZZ_PROFILE=stock  ... longer, reproduce
#   make modules PROFILE=stock  build the kernel modules only
#   make lint               checkpatch --strict and sparse on drm/ and uapi/
#   make deps               install the Debian packages the above need

T := tools/testing

.PHONY: all check demo bench fuzz modules kernel igt lint deps

all: modules

check:
	@$(T)/check.sh

demo:
	@$(T)/demo.sh

bench:
	@$(T)/bench.sh

fuzz:
	@$(T)/fuzz.sh

modules: deps
	@$(T)/build-modules.sh $(or $(PROFILE),stock)

kernel: deps
	@$(T)/build-kernel.sh

igt: deps
	@$(T)/build-igt.sh

lint: deps
	@$(T)/lint.sh

deps:
	@$(T)/install-deps.sh
