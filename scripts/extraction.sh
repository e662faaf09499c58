#!/usr/bin/env bash
# extraction.sh: how well and how fast kiosk reads web pages, on the 130
# test pages of Mozilla's Readability in ../shared/corpus/pages/. Prints
# mean precision, recall and F1 of kiosk's text against the article
# Readability.js extracts (the article-extraction-benchmark's metric), with
# go-readability's own text as the baseline; then the extraction time per
# page (median and slowest) of kiosk and of go-readability alone, both as
# FromReader (with its chardet charset detection) and on a parsed document,
# measured in the same run.
#
# Usage: scripts/extraction.sh [BENCHTIME]   (default 3x)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d ../shared/corpus/pages ] || { echo "extraction: ../shared/corpus/pages not found: run from a clone with shared/ beside it" >&2; exit 1; }

echo "== quality"
go test ./model/ -count=1 -run '^TestPageExtractionQuality$' -v |
	sed -n 's/^ *page_quality_test.go:[0-9]*: //p' | grep -v '^  lowest'

echo "== speed"
out=$(go test ./model/ -run '^$' -bench '^BenchmarkPageExtraction$' -benchtime "${1:-3x}")
metric() { # unit
	grep BenchmarkPageExtraction <<<"$out" | awk -v unit="$1" '{for (i = 2; i <= NF; i++) if ($i == unit) print $(i-1)}'
}
for e in kiosk go-readability go-readability-parsed; do
	printf '%-22s median %6s ms/page   slowest %7s ms/page\n' "$e" "$(metric "$e-median-ms/page")" "$(metric "$e-slowest-ms/page")"
done
awk -v k="$(metric kiosk-median-ms/page)" -v r="$(metric go-readability-median-ms/page)" \
	-v p="$(metric go-readability-parsed-median-ms/page)" \
	'BEGIN { printf "median, kiosk / go-readability FromReader: %.2f   kiosk / go-readability on a parsed document: %.2f\n", k / r, k / p }'
