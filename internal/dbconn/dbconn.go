// Package dbconn opens the Neo4j driver that every tradegraph command uses
// and turns the driver's connection failures into one-line errors that name
// the URI and the cause (refused, authentication, timeout, ...).
package dbconn

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Config says where the database is and how to log in. The zero value of
// User and Password means no authentication, which is how the local
// development database started by `make db` runs.
type Config struct {
	URI      string // bolt://, bolt+s://, neo4j://, neo4j+s:// (cluster or Aura)
	User     string
	Password string
	Database string // empty: the server's default database
}

// Driver builds a driver for cfg without contacting the server yet.
func Driver(cfg Config) (neo4j.DriverWithContext, error) {
	auth := neo4j.NoAuth()
	if cfg.Password != "" {
		user := cfg.User
		if user == "" {
			user = "neo4j"
		}
		auth = neo4j.BasicAuth(user, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = 5 * time.Second
		c.ConnectionAcquisitionTimeout = 30 * time.Second
		c.UserAgent = "tradegraph"
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j at %s: %w", cfg.URI, err)
	}
	return driver, nil
}

// Open builds a driver and checks that the server answers and accepts the
// credentials. On failure it closes the driver and returns an error that
// names the URI and the cause.
func Open(ctx context.Context, cfg Config) (neo4j.DriverWithContext, error) {
	driver, err := Driver(cfg)
	if err != nil {
		return nil, err
	}
	if err := Ping(ctx, driver, cfg); err != nil {
		if cerr := driver.Close(context.WithoutCancel(ctx)); cerr != nil {
			err = errors.Join(err, cerr)
		}
		return nil, err
	}
	return driver, nil
}

// Ping checks that the server behind driver answers and accepts the
// credentials.
func Ping(ctx context.Context, driver neo4j.DriverWithContext, cfg Config) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := driver.VerifyAuthentication(ctx, nil); err != nil {
		return &Error{URI: cfg.URI, Cause: Classify(err), Err: err}
	}
	return nil
}

// WaitReady pings until the server answers, backing off from 250 ms up to
// 5 s between tries, and gives up when ctx ends or when the failure cannot
// heal by waiting (wrong credentials). onRetry, when not nil, hears of
// every failed try.
func WaitReady(ctx context.Context, driver neo4j.DriverWithContext, cfg Config, onRetry func(error, time.Duration)) error {
	delay := 250 * time.Millisecond
	for {
		err := Ping(ctx, driver, cfg)
		if err == nil {
			return nil
		}
		var dbErr *Error
		if errors.As(err, &dbErr) && dbErr.Cause == CauseAuth {
			return err
		}
		if onRetry != nil {
			onRetry(err, delay)
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(delay):
		}
		delay = min(delay*2, 5*time.Second)
	}
}

// Cause names why a connection failed, in words an operator can act on.
type Cause string

// The causes Error distinguishes.
const (
	CauseRefused Cause = "connection refused (is Neo4j running? `make db` starts the local one)"
	CauseAuth    Cause = "authentication failed (check NEO4J_USER and NEO4J_PASSWORD)"
	CauseTimeout Cause = "timed out"
	CauseDNS     Cause = "host not found"
	CauseTLS     Cause = "TLS handshake failed (check the URI scheme: bolt+s/neo4j+s need TLS)"
	CauseOther   Cause = "unavailable"
)

// Error is a failure to reach or log in to Neo4j.
type Error struct {
	URI   string
	Cause Cause
	Err   error
}

func (e *Error) Error() string {
	return fmt.Sprintf("neo4j at %s: %s: %v", e.URI, e.Cause, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Classify says why a driver call failed.
func Classify(err error) Cause {
	var authErr *neo4j.InvalidAuthenticationError
	var neoErr *neo4j.Neo4jError
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case errors.As(err, &authErr):
		return CauseAuth
	case errors.As(err, &neoErr) && strings.Contains(neoErr.Code, "Security"):
		return CauseAuth
	case errors.Is(err, syscall.ECONNREFUSED):
		return CauseRefused
	case errors.As(err, &dnsErr):
		return CauseDNS
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return CauseTimeout
	}
	// The driver flattens some network errors into strings.
	msg := strings.ToLower(err.Error())
	switch {
	case strings.Contains(msg, "connection refused"):
		return CauseRefused
	case strings.Contains(msg, "unauthorized"), strings.Contains(msg, "authentication"):
		return CauseAuth
	case strings.Contains(msg, "timeout"), strings.Contains(msg, "deadline"):
		return CauseTimeout
	case strings.Contains(msg, "no such host"):
		return CauseDNS
	case strings.Contains(msg, "tls"), strings.Contains(msg, "certificate"):
		return CauseTLS
	}
	return CauseOther
}
