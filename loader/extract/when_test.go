package extract

import (
	"regexp"
	"strings"
	"testing"
)

// whenAnywhere is whenRE run over the whole text, as when did before it
// learned to try only the starts of words that can begin a time
// expression: both must find the same first expression.
var whenAnywhere = regexp.MustCompile(`(?i)\b` + strings.TrimPrefix(whenRE.String(), "^(?i)"))

func whenReference(text string) string {
	for _, h := range whenHints {
		if strings.Contains(text, h) {
			return whenAnywhere.FindString(text)
		}
	}
	return ""
}

func FuzzWhen(f *testing.F) {
	for _, s := range []string{
		"the first 40 buses will arrive at the end of 2024 - the beginning of 2025",
		"deliveries began in March 2023 and will go on until 2026",
		"In Q3 2025, by the end of this year, next spring",
		"signed (in early 2024), since January",
		"January–March 2025 shipments grew; in the coming years",
		"Berlin 2024, within 2023, Xin 2022",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := when(text), whenReference(text); got != want {
			t.Errorf("when(%q) = %q, want %q", text, got, want)
		}
	})
}
