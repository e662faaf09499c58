#!/usr/bin/env bash
# screenshots.sh: pictures of the reader for the README, made from the real
# binary: it runs kiosk in a private tmux server at 100x30, captures the
# screen with its colours and turns each capture into an SVG with
# charmbracelet's freeze. Run it again whenever the reader's look changes.
#
# Usage: scripts/screenshots.sh [OUTDIR]   (default docs/images)
# FREEZE overrides the freeze command (default: go run freeze@v0.2.2).
# kiosk runs with a fresh data directory, as a new reader sees it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/images}
freeze=${FREEZE:-go run github.com/charmbracelet/freeze@v0.2.2}
command -v tmux >/dev/null || { echo "screenshots: tmux is needed" >&2; exit 1; }

work=$(mktemp -d)
socket=kiosk-shots-$$
tmux_() { tmux -L "$socket" "$@"; }
trap 'tmux_ kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/kiosk" .
mkdir -p "$out"

# wait_for TEXT: until the pane shows TEXT (10 s at most).
wait_for() {
	for _ in $(seq 200); do
		tmux_ capture-pane -p | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	echo "screenshots: the screen never showed '$1':" >&2
	tmux_ capture-pane -p >&2
	exit 1
}

# shot NAME: the pane, colours included, as NAME.svg.
shot() {
	sleep 0.3 # let the last frame land
	tmux_ capture-pane -p -e >"$work/$1.ansi"
	$freeze --language ansi --window --padding 20 --output "$out/$1.svg" <"$work/$1.ansi" >/dev/null
	echo "wrote $out/$1.svg"
}

tmux_ -f /dev/null new-session -d -x 100 -y 30 \
	env TERM=xterm-256color COLORTERM=truecolor XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" "$work/kiosk" --theme dark
wait_for "kiosk seeds"
shot reader-list

tmux_ send-keys Enter
wait_for "Nordkorea ratifiziert Verteidigungsabkommen"
shot reader-article

tmux_ send-keys c
wait_for "Kommentare anzeigen"
shot reader-comments
