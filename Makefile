# FirmPaths: two commands set everything up: `make run` and `make test`.
# Needs the Swift toolchain and the system zlib's headers (Debian zlib1g-dev, found by pkg-config;
# linked for --compress): scripts/install-analysis-tools.sh installs it when missing (as root).
SWIFT ?= swift
RELEASE_BIN := .build/release/firmpaths
SCENARIO ?= Scenarios/default.json
# SwiftPM scratch path of the release-build checks (test-slurm, test-faults, bench; test-resume reads it too).
SCRATCH ?= .build

.PHONY: all build release run test test-interop test-report test-explorer fuzz-http install dist test-dist bundle-scenarios test-resume test-faults test-hardening test-slurm fuzz bench clean help targets calibrate sensitivity cal-release check-validation

all: release

help:
	@echo "make run     build (release) and run $(SCENARIO) into Results/default/"
	@echo "make test    build and run the test suites"
	@echo "make test-interop  SALib Morris/Sobol' on FirmPaths' files, Ishigami, the Python front end, an EMA experiment (.venv-interop/)"
	@echo "make test-report  run default, render report.html in headless Chromium, check every chart"
	@echo "make test-explorer  start firmpaths explore, drive the page in headless Chromium (WebDriver), screenshots in Results/explorer-test/"
	@echo "make fuzz-http  libFuzzer on the explorer's HTTP request parser for FUZZ_SECONDS (default 300)"
	@echo "make build   debug build (needs zlib1g-dev: scripts/install-analysis-tools.sh)"
	@echo "make test-resume  kill a sweep with SIGKILL 6 times, resume, compare with an uninterrupted one"
	@echo "make test-slurm  single-node SLURM cluster: sweep as a job array, merge, compare with one process"
	@echo "make bench   release build, fixed-seed benchmarks, table + Results/bench/bench.json"
	@echo "make test-hardening  20 rounds of two sweeps into one directory (the second refused), signals to a run, run and sweep --overwrite all or nothing, free space (tmpfs), ulimit -v at 1 and 2 threads"
	@echo "make test-faults  unwritable directory, ulimit -f, full tmpfs, SIGINT and SIGKILL during a sweep; resume, cmp"
	@echo "make fuzz    libFuzzer on the scenario reader, --set overrides and the sweep block, FUZZ_SECONDS (default 300) each; crashes go to Fuzz/crashes/"
	@echo "make targets      baseline-eu against Scenarios/targets/eu-sme.json (20 replications)"
	@echo "make calibrate    the Latin-hypercube search behind baseline-eu's calibrated values"
	@echo "make sensitivity  Morris screening (seeds 1, 2), Sobol' indices of baseline-eu and their comparison into Results/sensitivity/"
	@echo "make check-validation  re-run the commands behind docs/VALIDATION.md, compare with docs/validation/ (FULL=1: with sensitivity)"
	@echo "make install [PREFIX=/usr/local]  release build, installs PREFIX/bin/firmpaths"
	@echo "make dist    statically linked release binary (--static-swift-stdlib) into dist/firmpaths"
	@echo "make test-dist  copies of the binary run scenarios, demo, run default from an empty directory; dist runs demo"
	@echo "make bundle-scenarios  regenerate the built-in copies of Scenarios/*.json after editing one"
	@echo "make clean   remove build products"

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

run: release
	$(RELEASE_BIN) run $(SCENARIO) --out Results/default --overwrite

test:
	$(SWIFT) test

# SALib, pandas and ema_workbench in the project-local .venv-interop/ (scripts/interop-venv.sh).
test-interop:
	SCRATCH=$(SCRATCH) scripts/test-interop.sh

test-report:
	SWIFT=$(SWIFT) scripts/test-report.sh

# The explorer page in a real browser; see scripts/test-explorer.sh.
test-explorer:
	SWIFT=$(SWIFT) SCRATCH=$(SCRATCH) scripts/test-explorer.sh

# Acceptance check for resumable sweeps (release build); see scripts/kill-resume-test.sh.
test-resume:
	scripts/kill-resume-test.sh

# Installs slurm-wlm and munge if missing (root), starts munged/slurmctld/slurmd on localhost,
# runs a sweep as a job array plus a merge job; see scripts/slurm/README.md.
test-slurm:
	SCRATCH=$(SCRATCH) scripts/slurm/test-slurm.sh

# Fixed-seed benchmarks (release build): prints a table, writes Results/bench/bench.json; see README.md.
bench:
	$(SWIFT) build -c release --scratch-path $(SCRATCH)
	$(SCRATCH)/release/firmpaths-bench --scenario $(SCENARIO) --out Results/bench
# Output-side hardening checks of issue 14 (release build); see scripts/hardening-tests.sh.
test-hardening:
	SCRATCH=$(SCRATCH) scripts/hardening-tests.sh

# Fault tests (release build); see scripts/fault-tests.sh.
test-faults:
	SCRATCH=$(SCRATCH) scripts/fault-tests.sh

# libFuzzer on the scenario reader, `--set` overrides and the sweep block, FUZZ_SECONDS (default 300)
# each, one after the other (FUZZ_TARGETS picks some); see scripts/fuzz.sh.
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?= scenario overrides sweep
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TARGETS="$(FUZZ_TARGETS)" scripts/fuzz.sh

# libFuzzer on the HTTP request parser of firmpaths explore; see scripts/fuzz-http.sh.
fuzz-http:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz-http.sh

# Calibration and validation (docs/VALIDATION.md).
CAL_BIN := $(SCRATCH)/release/firmpaths

cal-release:
	$(SWIFT) build -c release --scratch-path $(SCRATCH)

targets: cal-release
	$(CAL_BIN) targets Scenarios/baseline-eu.json --targets Scenarios/targets/eu-sme.json --replications 20

# The Latin-hypercube searches behind the calibrated values of baseline-eu: stages 1 and 2 on the six
# targets (the earlier calibration, kept as its record), stage 3 on the targets and the stylized facts
# together, with export staffing (docs/VALIDATION.md section 3).
calibrate: cal-release
	$(CAL_BIN) calibrate Scenarios/baseline-eu.json --design Scenarios/targets/calibration-eu-stage1.json --top 5
	$(CAL_BIN) calibrate Scenarios/baseline-eu.json --design Scenarios/targets/calibration-eu.json --top 10
	$(CAL_BIN) calibrate Scenarios/baseline-eu.json --design Scenarios/targets/calibration-eu-stage3.json \
	    --targets Scenarios/targets/eu-sme.json --targets Scenarios/targets/stylized-facts.json --top 30

# Morris with seeds 1 and 2 (compared), then Sobol' indices, then both compared (docs/VALIDATION.md 5b, 5c).
sensitivity: cal-release
	$(CAL_BIN) sensitivity Scenarios/baseline-eu.json --out Results/sensitivity --seed 1 --overwrite
	$(CAL_BIN) sensitivity Scenarios/baseline-eu.json --out Results/sensitivity/seed2 --seed 2 --overwrite \
	    --compare Results/sensitivity/ranking.csv
	$(CAL_BIN) sensitivity Scenarios/baseline-eu.json --design Scenarios/targets/sobol-eu.json \
	    --out Results/sensitivity/sobol --overwrite
	python3 scripts/morris-sobol.py Results/sensitivity/ranking.csv Results/sensitivity/seed2/ranking.csv \
	    Results/sensitivity/sobol/ranking.csv > Results/sensitivity/morris-vs-sobol.md

clean:
	rm -rf .build dist

# The binary carries Scenarios/*.json (BundledScenarios.swift); a test fails while they differ.
bundle-scenarios:
	scripts/bundle-scenarios.py

PREFIX ?= /usr/local
install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/firmpaths

# A release binary with the Swift runtime and Foundation linked in, for machines without the
# toolchain (its own scratch path: other link flags than `make release`).
DIST_SCRATCH ?= .build/dist
dist:
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(DIST_SCRATCH) --product firmpaths
	install -d dist
	install -m 755 $(DIST_SCRATCH)/release/firmpaths dist/firmpaths

# Binaries copied to an empty directory outside the repository: see scripts/test-dist.sh.
test-dist: release dist
	RELEASE_BIN=$(RELEASE_BIN) scripts/test-dist.sh

# Every output behind the figures of docs/VALIDATION.md, compared byte for byte with docs/validation/.
FULL ?= 0
check-validation:
	SCRATCH=$(SCRATCH) scripts/check-validation.sh $(if $(filter 1,$(FULL)),--full,)
