# FirmPaths: two commands set everything up: `make run` and `make test`.
SWIFT ?= swift
RELEASE_BIN := .build/release/firmpaths
SCENARIO ?= Scenarios/default.json

.PHONY: all build release run test test-report test-resume bench clean help

all: release

help:
	@echo "make run     build (release) and run $(SCENARIO) into Results/default/"
	@echo "make test    build and run the test suites"
	@echo "make test-report  run default, render report.html in headless Chromium, check every chart"
	@echo "make build   debug build"
	@echo "make test-resume  kill a sweep with SIGKILL 6 times, resume, compare with an uninterrupted one"
	@echo "make clean   remove build products"

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

run: release
	$(RELEASE_BIN) run $(SCENARIO) --out Results/default --overwrite

test:
	$(SWIFT) test

test-report:
	SWIFT=$(SWIFT) scripts/test-report.sh

# Acceptance check for resumable sweeps (release build); see scripts/kill-resume-test.sh.
test-resume:
	scripts/kill-resume-test.sh

clean:
	rm -rf .build
