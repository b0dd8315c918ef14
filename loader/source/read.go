package source

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxInputBytes bounds one file or response: news articles are kilobytes,
// and a bigger input is more likely a mistake than an article.
const MaxInputBytes = 64 << 20

// Reader reads documents from paths and URLs.
type Reader struct {
	// HTTP fetches feed and page URLs; nil means a client with a 30 s
	// timeout.
	HTTP *http.Client
}

// Extensions maps the file extensions Reader understands to their formats.
var Extensions = map[string]string{
	".txt": "text", ".text": "text",
	".html": "html", ".htm": "html",
	".json": "json", ".jsonl": "json", ".ndjson": "json",
	".xml": "feed", ".rss": "feed", ".atom": "feed",
}

// Read yields every document found in inputs: files, directories (walked
// recursively, by extension) and http(s) URLs of feeds or pages. A failure
// yields an error that names the input (and line) and reading goes on with
// the rest. Read stops early when ctx ends.
func (r *Reader) Read(ctx context.Context, inputs []string) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		for _, input := range inputs {
			if ctx.Err() != nil {
				return
			}
			if isURL(input) {
				if !r.readURL(ctx, input, yield) {
					return
				}
				continue
			}
			info, err := os.Stat(input)
			if err != nil {
				if !yield(nil, fmt.Errorf("%s: %w", input, unwrapPathError(err))) {
					return
				}
				continue
			}
			files := []string{input}
			if info.IsDir() {
				if files, err = listDir(input); err != nil {
					if !yield(nil, fmt.Errorf("%s: %w", input, err)) {
						return
					}
					continue
				}
			}
			for _, file := range files {
				if ctx.Err() != nil || !r.readFile(file, yield) {
					return
				}
			}
		}
	}
}

// listDir returns the article files under dir in a stable order, skipping
// hidden entries and gold annotation files.
func listDir(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if path != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || strings.HasSuffix(name, ".gold.json") {
			return nil
		}
		if _, ok := Extensions[strings.ToLower(filepath.Ext(name))]; ok {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func (r *Reader) readFile(path string, yield func(*Document, error) bool) bool {
	format := Extensions[strings.ToLower(filepath.Ext(path))]
	if format == "" {
		format = "text"
	}
	data, err := readLimited(path)
	if err != nil {
		return yield(nil, fmt.Errorf("%s: %w", path, err))
	}
	return r.parse(path, format, data, "", yield)
}

// parse dispatches data read from origin to the reader for its format.
// pageURL is the address the data came from, if any.
func (r *Reader) parse(origin, format string, data []byte, pageURL string, yield func(*Document, error) bool) bool {
	if err := checkText(data); err != nil {
		return yield(nil, fmt.Errorf("%s: %w", origin, err))
	}
	switch format {
	case "json":
		return readJSON(origin, data, yield)
	case "feed":
		return readFeed(origin, data, yield)
	case "html":
		doc, err := readHTML(origin, data, pageURL)
		return yield(doc, err)
	default:
		doc, err := readText(origin, data)
		return yield(doc, err)
	}
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	defer f.Close() // read-only: a close error loses nothing
	data, err := io.ReadAll(io.LimitReader(f, MaxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if len(data) > MaxInputBytes {
		return nil, fmt.Errorf("larger than %d MB, skipped", MaxInputBytes>>20)
	}
	return data, nil
}

// checkText rejects inputs that cannot hold an article: empty ones and
// binary files (NUL bytes or mostly undecodable bytes near the start).
func checkText(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("empty input")
	}
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return fmt.Errorf("binary data (NUL bytes), not text")
	}
	bad := 0
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n == 1 && len(head)-i >= utf8.UTFMax {
			bad++
		}
		i += n
	}
	if bad > len(head)/10 {
		return fmt.Errorf("binary data (%d undecodable bytes in the first %d), not UTF-8 text", bad, len(head))
	}
	return nil
}

// validUTF8 replaces invalid bytes and reports whether it had to.
func validUTF8(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	return strings.ToValidUTF8(s, "\uFFFD"), true
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func (r *Reader) readURL(ctx context.Context, url string, yield func(*Document, error) bool) bool {
	client := r.HTTP
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return yield(nil, fmt.Errorf("%s: %w", url, err))
	}
	req.Header.Set("User-Agent", "tradegraph/1 (news reader)")
	resp, err := client.Do(req)
	if err != nil {
		return yield(nil, fmt.Errorf("%s: fetch: %w", url, err))
	}
	defer resp.Body.Close() // read-only: a close error loses nothing
	if resp.StatusCode != http.StatusOK {
		return yield(nil, fmt.Errorf("%s: fetch: HTTP %s", url, resp.Status))
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxInputBytes+1))
	if err != nil {
		return yield(nil, fmt.Errorf("%s: fetch: %w", url, err))
	}
	if len(data) > MaxInputBytes {
		return yield(nil, fmt.Errorf("%s: larger than %d MB, skipped", url, MaxInputBytes>>20))
	}
	format := "html"
	if looksLikeFeed(resp.Header.Get("Content-Type"), data) {
		format = "feed"
	}
	return r.parse(url, format, data, url, yield)
}

func looksLikeFeed(contentType string, data []byte) bool {
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "rss") || strings.Contains(ct, "atom") {
		return true
	}
	head := strings.ToLower(string(data[:min(len(data), 1024)]))
	return strings.Contains(head, "<rss") || strings.Contains(head, "<feed") || strings.Contains(head, "<rdf:rdf")
}

// unwrapPathError drops the path from an *fs.PathError: callers put the
// path first themselves.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// parseAll is parse as an iterator, for tests and fuzzing.
func (r *Reader) parseAll(origin, format string, data []byte) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		r.parse(origin, format, data, "", yield)
	}
}
