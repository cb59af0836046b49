package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"
)

// table prints aligned plain-text rows; the first row is the header.
type table struct {
	rows [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) print(w io.Writer) error {
	// Right alignment keeps the digits of figures in the same columns.
	// The first column holds labels: padding them to one width keeps them left-aligned.
	width := 0
	for _, r := range t.rows {
		width = max(width, utf8.RuneCountInString(r[0]))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, r := range t.rows {
		label := r[0] + strings.Repeat(" ", width-utf8.RuneCountInString(r[0]))
		// The trailing tab closes the last column, which tabwriter would not align otherwise.
		fmt.Fprintln(tw, label+"\t"+strings.Join(r[1:], "\t")+"\t")
	}
	return tw.Flush()
}

// mb formats a byte count in megabytes (10^6 bytes), the unit download sizes are quoted in.
func mb(n int64) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }

// kb formats a byte count in kilobytes (10^3 bytes).
func kb(n int64) string { return fmt.Sprintf("%.1f kB", float64(n)/1e3) }

func ms(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }

func perSecond(r float64) string { return fmt.Sprintf("%.0f", r) }

// ratio formats a/b as a factor, "-" when b is zero.
func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2fx", a/b)
}

// percent formats a/b as a percentage, "-" when b is zero.
func percent(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*a/b)
}
