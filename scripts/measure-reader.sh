#!/usr/bin/env bash
# measure-reader.sh: kiosk's reader against less, side by side in one run, in
# tmux at 100x30 with ../shared/tools/tuiharness.py: time to first frame,
# key latency (j/k) in the article pane, peak RSS; then the 19,043 Reuters
# stories: first frame, time until the loaded list shows, and filter
# keystroke latency. Prints medians and ratios.
#
# Usage: scripts/measure-reader.sh [REPEAT]   (default 10)
#   KIOSK_BEFORE=/path/to/kiosk also measures an older build in the same run
#   (first frame, j/k, peak RSS) and prints kiosk against it.
set -euo pipefail
cd "$(dirname "$0")/.."
repeat=${1:-10}
shared=../shared
harness=$shared/tools/tuiharness.py
[ -f "$harness" ] || { echo "measure-reader: $harness not found: run from a clone with shared/ beside it" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/kiosk" .
seed=seeds/000_36dbd7c5854988d2.txt
# less shows the whole seed on one 100x30 screen, where j cannot move: give
# it the same text four times so that it has something to scroll.
for _ in 1 2 3 4; do cat "$seed"; echo; done >"$work/seed4.txt"

run() { # name, subcommand, harness args...: the RESULT json goes to $work/name.json
	local name=$1 sub=$2
	shift 2
	python3 "$harness" "$sub" -q --json "$work/$name.json" "$@" >"$work/$name.out" 2>&1 ||
		{ echo "measure-reader: $name failed:" >&2; grep -v RESULT "$work/$name.out" | tail -5 >&2; }
}

# First frames are measured in rounds, the programs in turn, so that a
# change in the machine's load falls on each of them alike; the medians
# pool every round.
rounds=5
per_round=$(((repeat + rounds - 1) / rounds))
for r in $(seq "$rounds"); do
	run less-first-$r first-frame -r "$per_round" --marker Rutte -- less "$seed"
	run kiosk-first-$r first-frame -r "$per_round" --marker Rutte -- "$work/kiosk"
	if [ -n "${KIOSK_BEFORE:-}" ]; then
		run before-first-$r first-frame -r "$per_round" --marker Rutte -- "$KIOSK_BEFORE"
	fi
done
run less-keys keys -r 5 --marker Rutte --key j --key k --count 40 -- less "$work/seed4.txt"
run kiosk-keys keys -r 5 --marker Rutte --pre-keys Enter --pre-expect 'min read' --key j --key k --count 40 -- "$work/kiosk"
if [ -n "${KIOSK_BEFORE:-}" ]; then
	run before-keys keys -r 5 --marker Rutte --pre-keys Enter --pre-expect 'min read' --key j --key k --count 40 -- "$KIOSK_BEFORE"
fi

reuters=$shared/corpus/reuters21578.tar.gz
if [ -f "$reuters" ]; then
	tar -xzf "$reuters" -C "$work"
	run reuters-first first-frame -r 3 --timeout 60 --marker kiosk -- "$work/kiosk" "$work/reuters21578"
	run reuters-loaded first-frame -r 3 --timeout 60 --marker '19043 articles' -- "$work/kiosk" "$work/reuters21578"
	run reuters-filter keys -r 3 --timeout 60 --marker '19043 articles' --pre-keys / --key o --key BSpace --count 30 -- "$work/kiosk" "$work/reuters21578"
fi

python3 - "$work" <<'PY'
import glob, json, os, statistics, sys
work = sys.argv[1]
def get(name, metric, stat="median"):
    p = os.path.join(work, name + ".json")
    if not os.path.exists(p):
        return pooled(name, metric)
    s = json.load(open(p))["summary"].get(metric) or {}
    return s.get(stat)
def pooled(name, metric):
    # the median of every run of every round (name-1.json, name-2.json, ...)
    values = []
    for p in glob.glob(os.path.join(work, name + "-*.json")):
        for run in json.load(open(p)).get("runs", []):
            v = run.get(metric, (run.get("mem") or {}).get(metric))
            if v is not None:
                values.append(v)
    return statistics.median(values) if values else None
def row(label, a, b, unit):
    if a is None or b is None:
        print(f"{label:34s} (not measured)")
        return
    print(f"{label:34s} less {a:8.2f} {unit}   kiosk {b:8.2f} {unit}   ratio {b / a:5.2f}x   diff {b - a:+7.2f} {unit}")
print("medians, tmux 100x30, one run:")
row("first frame (exec_ms)", get("less-first", "exec_ms"), get("kiosk-first", "exec_ms"), "ms")
row("key j/k in the pane (pooled)", get("less-keys", "keys_pooled"), get("kiosk-keys", "keys_pooled"), "ms")
row("peak RSS (VmHWM)", (get("less-first", "hwm_kb") or 0) / 1024 or None, (get("kiosk-first", "hwm_kb") or 0) / 1024 or None, "MB")
def before(label, a, b, unit):
    if a is None or b is None:
        return
    print(f"{label:34s} before {a:8.2f} {unit}   kiosk {b:8.2f} {unit}   ratio {b / a:5.2f}x")
if get("before-first", "exec_ms") is not None:
    print("kiosk against KIOSK_BEFORE, same run:")
    before("first frame (exec_ms)", get("before-first", "exec_ms"), get("kiosk-first", "exec_ms"), "ms")
    before("key j/k in the pane (pooled)", get("before-keys", "keys_pooled"), get("kiosk-keys", "keys_pooled"), "ms")
    before("peak RSS (VmHWM)", (get("before-first", "hwm_kb") or 0) / 1024 or None, (get("kiosk-first", "hwm_kb") or 0) / 1024 or None, "MB")
for name, metric, label, unit, scale in [
    ("reuters-first", "exec_ms", "Reuters: first frame", "ms", 1),
    ("reuters-loaded", "exec_ms", "Reuters: list loaded and shown", "ms", 1),
    ("reuters-filter", "keys_pooled", "Reuters: filter keystroke", "ms", 1),
    ("reuters-loaded", "hwm_kb", "Reuters: peak RSS", "MB", 1024),
]:
    v = get(name, metric)
    print(f"{label:34s} " + ("(not measured)" if v is None else f"{v / scale:8.2f} {unit}"))
PY
