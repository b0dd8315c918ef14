package dbconn

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestClassify(t *testing.T) {
	for _, test := range []struct {
		err  error
		want Cause
	}{
		{fmt.Errorf("dial: %w", syscall.ECONNREFUSED), CauseRefused},
		{&neo4j.InvalidAuthenticationError{}, CauseAuth},
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Security.Unauthorized"}, CauseAuth},
		{&net.DNSError{Err: "no such host", Name: "nowhere.invalid"}, CauseDNS},
		{context.DeadlineExceeded, CauseTimeout},
		{errors.New("ConnectivityError: tls: handshake failure"), CauseTLS},
		{errors.New("something else"), CauseOther},
	} {
		if got := Classify(test.err); got != test.want {
			t.Errorf("Classify(%v) = %q, want %q", test.err, got, test.want)
		}
	}
}

func TestOpenNamesURIAndCause(t *testing.T) {
	// A port nobody listens on: the error names the URI and says refused.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	cfg := Config{URI: "bolt://" + addr}
	_, err = Open(context.Background(), cfg)
	var dbErr *Error
	if !errors.As(err, &dbErr) || dbErr.Cause != CauseRefused || !strings.Contains(err.Error(), cfg.URI) {
		t.Fatalf("Open(%s) = %v, want a refused error naming the URI", cfg.URI, err)
	}
}

func TestWaitReadyGivesUpWithContext(t *testing.T) {
	driver, err := Driver(Config{URI: "bolt://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(context.Background())
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	tries := 0
	err = WaitReady(ctx, driver, Config{URI: "bolt://127.0.0.1:1"}, func(error, time.Duration) { tries++ })
	if err == nil || tries < 2 {
		t.Errorf("WaitReady = %v after %d retries; want an error after backing off at least twice", err, tries)
	}
}
