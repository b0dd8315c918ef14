package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The errors a client may see, checked with errors.Is. Every other error
// is logged and shown as "internal error", so that no driver message, query
// text or stack reaches a client.
var (
	// ErrNotFound: the id names nothing in the graph.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: an argument is out of range or malformed.
	ErrInvalid = errors.New("invalid argument")
	// ErrUnauthorized: the request lacks the API key a mutation needs.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrDisabled: the feature is switched off in this server.
	ErrDisabled = errors.New("disabled")
)

// errUnavailable reports that the database is not ready yet.
var errUnavailable = errors.New("the database is not ready")

// clientError is an error whose message is safe to show a client; kind is
// one of the sentinels above.
type clientError struct {
	kind error
	msg  string
}

func (e *clientError) Error() string { return e.msg }
func (e *clientError) Unwrap() error { return e.kind }

// invalidf reports a bad argument in words the client can act on.
func invalidf(format string, args ...any) error {
	return &clientError{kind: ErrInvalid, msg: fmt.Sprintf(format, args...)}
}

// The extension codes clients can branch on.
const (
	codeInvalid      = "BAD_USER_INPUT"
	codeNotFound     = "NOT_FOUND"
	codeUnauthorized = "UNAUTHENTICATED"
	codeDisabled     = "DISABLED"
	codeTimeout      = "TIMEOUT"
	codeUnavailable  = "UNAVAILABLE"
	codeInternal     = "INTERNAL_SERVER_ERROR"
)

// presentError is the server's one error presenter (STYLE: one
// SetErrorPresenter turns sentinels into client messages).
func presentError(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Err == nil {
			// gqlgen's own parse and validation errors, and errors
			// the model package raised as gqlerrors: already for clients.
			return gqlErr
		}
		out := &gqlerror.Error{Path: graphql.GetPath(ctx)}
		if gqlErr != nil {
			out.Path = gqlErr.Path
			out.Locations = gqlErr.Locations
		}
		code := codeInternal
		var ce *clientError
		switch {
		case errors.As(err, &ce):
			out.Message = ce.msg
			code = clientCode(ce.kind)
		case errors.Is(err, ErrNotFound), errors.Is(err, ErrInvalid), errors.Is(err, ErrUnauthorized), errors.Is(err, ErrDisabled):
			out.Message = err.Error()
			code = clientCode(err)
		case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
			out.Message = "request timed out"
			code = codeTimeout
		case errors.Is(err, context.Canceled):
			out.Message = "request canceled"
			code = codeTimeout
		case errors.Is(err, errUnavailable) || neo4j.IsConnectivityError(err):
			logger.WarnContext(ctx, "neo4j unreachable", "err", err)
			out.Message = "the database is unavailable; try again later"
			code = codeUnavailable
		default:
			logger.ErrorContext(ctx, "graphql resolver failed", "path", out.Path.String(), "err", err)
			out.Message = "internal error"
		}
		out.Extensions = map[string]any{"code": code}
		return out
	}
}

func clientCode(kind error) string {
	switch {
	case errors.Is(kind, ErrNotFound):
		return codeNotFound
	case errors.Is(kind, ErrUnauthorized):
		return codeUnauthorized
	case errors.Is(kind, ErrDisabled):
		return codeDisabled
	}
	return codeInvalid
}

// recoverPanic logs a resolver panic with its stack and answers "internal
// error" (STYLE: no panics after startup reach a client).
func recoverPanic(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "graphql resolver panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return errors.New("internal error")
	}
}
