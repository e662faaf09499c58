#!/usr/bin/env bash
# large-article.sh: how kiosk opens and searches a 10 MB article, against
# less and against kiosk built at a baseline revision, in one run.
#
#   scripts/large-article.sh [BASE_REV]     (default: the parent of the first
#                                            commit of the chunked rendering)
#
# The article is made at run time from the shared BBC corpus (never kept in
# the repository); the script skips when the corpus or tmux is missing.
# Prints, per program: Enter -> first screen (median ms), peak RSS after the
# whole article has rendered, and n -> screen in a search for "the".
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=""
dir=$root
while [ "$dir" != / ]; do
	if [ -d "$dir/shared/corpus/bbc" ]; then shared=$dir/shared; break; fi
	dir=$(dirname "$dir")
done
harness=$shared/tools/tuiharness.py
if [ -z "$shared" ] || [ ! -f "$harness" ] || ! command -v tmux >/dev/null; then
	echo "skip: needs the shared corpus and tools beside the repository, and tmux" >&2
	exit 0
fi
base=${1:-$(git -C "$root" log --format=%H --grep='^render: a large article renders in chunks' | tail -1)^}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "building kiosk at HEAD and at ${base}…" >&2
(cd "$root" && go build -o "$tmp/kiosk" .)
mkdir "$tmp/base"
git -C "$root" archive "$base" | tar -x -C "$tmp/base"
(cd "$tmp/base" && go build -o "$tmp/kiosk-base" .)

# 10 MB of BBC articles, one after the other, as one article.
files=("$shared"/corpus/bbc/*.txt)
big=$tmp/big.txt
while [ "$(stat -c %s "$big.all" 2>/dev/null || echo 0)" -lt $((10 << 20)) ]; do
	for f in "${files[@]}"; do
		cat "$f"
		echo
	done >>"$big.all"
done
head -c $((10 << 20)) "$big.all" >"$big"
rm "$big.all"
size=$(stat -c %s "$big")
first=${files[0]}
title=$(head -1 "$first")
# a phrase of the article's second paragraph: on the pane, not in the list
phrase=$(sed -n 3p "$first" | cut -d' ' -f1-4)

run() { # name, subcommand, harness args...
	local name=$1 sub=$2
	shift 2
	python3 "$harness" "$sub" --json "$tmp/$name.json" -q "$@" >"$tmp/$name.log" 2>&1 || {
		echo "$name: run failed; log:" >&2
		cat "$tmp/$name.log" >&2
	}
}
open_args=(-r 3 --size 100x30 --timeout 60 --key Enter --count 1 --key-timeout 120
	--key-settle-ms 3000 --settle-max-ms 180000)
search_args=(-r 3 --size 100x30 --timeout 60 --key n --count 20 --key-timeout 10
	--settle-max-ms 180000)

echo "measuring (several minutes: the baseline renders the whole article)…" >&2
run less-open first-frame -r 3 --size 100x30 --marker "$phrase" -- less "$big"
run kiosk-open keys "${open_args[@]}" --marker "$title" --expect "$phrase" -- "$tmp/kiosk" "$big"
run base-open keys "${open_args[@]}" --marker "$title" --expect "$phrase" -- "$tmp/kiosk-base" "$big"
run less-n keys "${search_args[@]}" --marker "$phrase" --pre-keys '/ t h e Enter' -- less "$big"
run kiosk-n keys "${search_args[@]}" --marker "$title" --pre-keys 'Enter / t h e Enter' --pre-expect 'match 1/' \
	--expect 'match' -- "$tmp/kiosk" "$big"
# No "n" for the baseline: it drops the keys typed while it renders the whole
# article, so no search can be typed ahead; BenchmarkLargeArticleSearchStep
# (package ui) measures its step instead.

python3 - "$tmp" "$size" <<'PY'
import json, os, sys
tmp, size = sys.argv[1], int(sys.argv[2])
def get(name, metric):
    p = os.path.join(tmp, name + ".json")
    if not os.path.exists(p):
        return None
    return (json.load(open(p))["summary"].get(metric) or {}).get("median")
def cell(v, fmt):
    return format(v, fmt) if v is not None else f"{'-':>{fmt[:-3]}}"
print(f"article: {size / 2**20:.1f} MB of BBC text; medians, tmux 100x30, one run")
print(f"{'program':<14}{'first screen ms':>16}{'peak RSS MB':>13}{'x file':>8}{'n ms':>9}")
for prog, label in (("less", "less"), ("base", "kiosk before"), ("kiosk", "kiosk now")):
    opened = prog + "-open"
    first = get(opened, "exec_ms") if prog == "less" else get(opened, "keys_pooled")
    hwm = get(opened, "hwm_kb")
    mb = hwm / 1024 if hwm is not None else None
    ratio = mb * 2**20 / size if mb is not None else None
    print(f"{label:<14}{cell(first, '16.1f')}{cell(mb, '13.1f')}{cell(ratio, '8.1f')}{cell(get(prog + '-n', 'keys_pooled'), '9.2f')}")
print("first screen: Enter in the list to the article's text (less: start to text);")
print("peak RSS once the whole article has rendered; n: a search for 'the', 20 presses")
PY
