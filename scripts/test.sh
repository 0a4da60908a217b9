#!/usr/bin/env bash
# Runs every test suite (.NET unit + API, front end, end-to-end) and prints "N passed, N failed, N skipped" last.
# Installs what the suites need on a fresh Debian machine (as root): Chromium, poppler-utils, fonts.
# Tests that need the shared folder of real protocols (../shared, or ICF_SHARED_DIR) are skipped without it, and fail
# without it under CI=true.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${need_apt[*]} ..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}") >"$RESULTS/apt.log" 2>&1 \
      || echo "warning: apt-get install ${need_apt[*]} failed (see $RESULTS/apt.log)"
  else
    echo "warning: missing ${need_apt[*]}; install them with apt-get (end-to-end tests need Chromium)"
  fi
fi

passed=0
failed=0
skipped=0
status=0

# Front end: install, unit tests (Vitest); the .NET build below builds it into the server's wwwroot.
if [ -f web/package.json ]; then
  (cd web && { [ -d node_modules ] || npm install --no-audit --no-fund --loglevel=error; }) || status=1
  if (cd web && npx vitest run --reporter=default --reporter=json --outputFile="$RESULTS/vitest.json"); then :; else status=1; fi
  if [ -f "$RESULTS/vitest.json" ]; then
    read -r p f s < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests+" "+r.numFailedTests+" "+((r.numPendingTests||0)+(r.numTodoTests||0)))' "$RESULTS/vitest.json")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  fi
fi

dotnet build IcfStudio.slnx -c Release -nologo -clp:ErrorsOnly || { echo "$passed passed, $((failed + 1)) failed, $skipped skipped"; exit 1; }

# .NET suites, one TRX file each; counts are read from the TRX, not from dotnet test's summary.
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" || status=1
done

for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  # xUnit v3 under VSTest leaves the counters' notExecuted at 0: a skipped test is a result with outcome NotExecuted.
  s=$(grep -c '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
