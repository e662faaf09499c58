package server

import "github.com/charmbracelet/x/ansi"

// terminalQueries are the questions Bubble Tea would ask a client's terminal
// as a reader starts, asked by the server instead: the reader's program has
// no input of its own to read the answers from, so readerInput decodes them
// and hands them on. They are the background colour (for the light or dark
// theme), and whether the terminal can draw a frame at once (synchronized
// output) and measures characters by grapheme.
const terminalQueries = ansi.RequestBackgroundColor + ansi.RequestModeSynchronizedOutput + ansi.RequestModeUnicodeCore
