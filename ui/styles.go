package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// styles is every colour and text attribute the reader draws with, built
// once per session from the terminal's background.
type styles struct {
	header        lipgloss.Style
	headerDim     lipgloss.Style
	title         lipgloss.Style
	selectedTitle lipgloss.Style
	selectedBar   lipgloss.Style
	meta          lipgloss.Style
	selectedMeta  lipgloss.Style
	status        lipgloss.Style
	dim           lipgloss.Style
	errorText     lipgloss.Style
	match         lipgloss.Style
	currentMatch  lipgloss.Style
	prompt        lipgloss.Style
	progressFull  lipgloss.Style
	progressEmpty lipgloss.Style
	unreadMark    lipgloss.Style
	starMark      lipgloss.Style
	help          help.Styles
}

func newStyles(dark bool) styles {
	pick := lipgloss.LightDark(dark)
	accent := pick(lipgloss.Color("#5B3DC4"), lipgloss.Color("#A78BFA"))
	text := pick(lipgloss.Color("#1A1A1A"), lipgloss.Color("#E4E4E4"))
	dim := pick(lipgloss.Color("#6E6E6E"), lipgloss.Color("#8C8C8C"))
	bar := pick(lipgloss.Color("#E6E6E6"), lipgloss.Color("#2A2A2A"))
	return styles{
		header:        lipgloss.NewStyle().Bold(true).Foreground(accent),
		headerDim:     lipgloss.NewStyle().Foreground(dim),
		title:         lipgloss.NewStyle().Foreground(text),
		selectedTitle: lipgloss.NewStyle().Bold(true).Foreground(accent),
		selectedBar:   lipgloss.NewStyle().Foreground(accent),
		meta:          lipgloss.NewStyle().Foreground(dim),
		selectedMeta:  lipgloss.NewStyle().Foreground(accent).Faint(true),
		status:        lipgloss.NewStyle().Foreground(text).Background(bar),
		dim:           lipgloss.NewStyle().Foreground(dim),
		errorText:     lipgloss.NewStyle().Bold(true).Foreground(pick(lipgloss.Color("#B3261E"), lipgloss.Color("#FF7B72"))),
		match:         lipgloss.NewStyle().Reverse(true),
		currentMatch:  lipgloss.NewStyle().Reverse(true).Bold(true).Foreground(highlight(dark)),
		prompt:        lipgloss.NewStyle().Bold(true).Foreground(accent),
		progressFull:  lipgloss.NewStyle().Foreground(accent),
		progressEmpty: lipgloss.NewStyle().Foreground(dim),
		unreadMark:    lipgloss.NewStyle().Foreground(accent),
		starMark:      lipgloss.NewStyle().Foreground(highlight(dark)),
		help:          help.DefaultStyles(dark),
	}
}

func highlight(dark bool) color.Color {
	return lipgloss.LightDark(dark)(lipgloss.Color("#B8860B"), lipgloss.Color("#FFD75F"))
}
