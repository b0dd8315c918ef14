#!/usr/bin/env bash
# Runs every Go fuzz target of the module briefly (FUZZTIME, default 10s),
# starting from its seed corpus: a smoke test that no input panics.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
FUZZTIME="${FUZZTIME:-10s}"
found=0
while IFS=: read -r file name; do
  pkg="./$(dirname "$file")"
  echo "fuzz $pkg $name ($FUZZTIME)"
  # A busy machine can make the fuzzing engine itself time out while it
  # minimizes a new input ("context deadline exceeded", no failing input
  # written); that says nothing about the code, so such a run is retried
  # once. A real failure writes its input under testdata/fuzz and fails.
  if ! out=$(go test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" "$pkg" 2>&1); then
    echo "$out"
    if grep -q 'context deadline exceeded' <<<"$out" && ! grep -q 'Failing input written' <<<"$out"; then
      echo "fuzz $pkg $name: the fuzzing engine timed out, not the code; running it again"
      go test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" "$pkg"
    else
      exit 1
    fi
  else
    echo "$out" | tail -1
  fi
  found=$((found + 1))
done < <(grep -rHoE --include='*_test.go' '^func (Fuzz[A-Za-z0-9_]+)' . | sed -E 's/func //' | sort)
echo "fuzzed $found targets"
