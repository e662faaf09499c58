#!/usr/bin/env bash
# fidelity.sh prints how faithfully kiosk shows the files of the shared
# corpus (../shared/corpus beside the repository): for the Reuters-21578
# library, the Reuters sample, the BBC set and the awkward set, the number
# of files, the words kept in order in `kiosk show --plain` output, the
# lines laid out in columns kept as written, the headings found and those
# judged false. The figures come from render's TestFidelity, which also
# fails on any word lost, table line reflowed or false heading.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(go test ./render -run '^TestFidelity$' -count=1 -v 2>&1)
status=$?
printf '%s\n' "$out" | sed -n 's/^.*fidelity: //p'
if [ $status -ne 0 ]; then
	printf '%s\n' "$out" | grep -E '^\s+fidelity_test.go:[0-9]+: [^f]|FAIL|SKIP' >&2
	exit $status
fi
