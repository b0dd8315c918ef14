//go:build !race

package pairtrain

const raceEnabled = false
