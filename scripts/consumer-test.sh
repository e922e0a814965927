#!/usr/bin/env bash
# Consumer tests: the package a user gets, tested as a user gets it. Packs dist/libs/restflow
# with `npm pack`, and for each app of test/consumer/<app>/package.json (Nest 12 + TypeORM 1.x as
# CommonJS and as ES modules, Nest 11 + TypeORM 0.3) lays out a fresh app in a temporary folder
# (no node_modules above it, so nothing leaks in from the workspace): the README tutorial's files
# (scripts/tutorial-files.js) and test/consumer/app/smoke.ts; installs it with the tarball from
# the npm registry, compiles it with its own tsc and runs the smoke test over HTTP on Express and
# Fastify.
#
#   scripts/consumer-test.sh              build the library first, then test every app
#   scripts/consumer-test.sh --no-build   use the dist/libs/restflow already built (CI)
#   scripts/consumer-test.sh nest12-esm   only the named apps (folders of test/consumer/)
#
# KEEP_CONSUMER_DIR=1 keeps the temporary folder for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

build=1
apps=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) apps+=("$arg") ;;
  esac
done
if [ ${#apps[@]} -eq 0 ]; then
  for dir in test/consumer/*/; do
    [ -f "$dir/package.json" ] && apps+=("$(basename "$dir")")
  done
fi

if [ "$build" = 1 ]; then npm run build:lib; fi
[ -f dist/libs/restflow/index.js ] || { echo "dist/libs/restflow is not built: run npm run build:lib" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/restflow-consumers.XXXXXX")"
if [ "${KEEP_CONSUMER_DIR:-}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi
echo "consumer apps in $work"

# The tarball, and what it holds: README, LICENSE, declarations, no tests, maps with sources.
(cd dist/libs/restflow && npm pack --silent --pack-destination "$work" >/dev/null)
mv "$work"/nestjs-restflow-*.tgz "$work/nestjs-restflow.tgz"
listing="$(tar -tzf "$work/nestjs-restflow.tgz")"
for required in package/README.md package/LICENSE package/package.json package/index.d.ts package/testing/index.d.ts; do
  grep -qx "$required" <<<"$listing" || { echo "the tarball lacks $required" >&2; exit 1; }
done
if grep -E '\.spec\.|\.e2e-spec\.|\.ts$' <<<"$listing" | grep -v '\.d\.ts$'; then
  echo "the tarball holds test or TypeScript source files (above)" >&2
  exit 1
fi
echo "tarball: $(wc -l <<<"$listing") files, README, LICENSE, declarations, no tests"

# Installs run side by side (they wait on the network, not the CPU); builds and smoke tests one
# after the other.
pids=()
for app in "${apps[@]}"; do
  dir="$work/$app"
  mkdir -p "$dir/src"
  cp "test/consumer/$app/package.json" "$dir/"
  # The app is the README tutorial's code (tsconfig.json and src/), plus the smoke test.
  node scripts/tutorial-files.js README.md "$dir" "$dir/package.json" >/dev/null
  cp test/consumer/app/smoke.ts "$dir/src/"
  (cd "$dir" && npm install --prefer-offline --no-audit --no-fund --loglevel=error >install.log 2>&1) &
  pids+=($!)
done
started=$SECONDS
failed=()
for index in "${!apps[@]}"; do
  if ! wait "${pids[$index]}"; then
    echo "=== ${apps[$index]}: npm install FAILED" >&2
    cat "$work/${apps[$index]}/install.log" >&2
    failed+=("${apps[$index]}")
  fi
done
echo "npm install of ${#apps[@]} apps: $((SECONDS - started)) s"

for app in "${apps[@]}"; do
  [[ " ${failed[*]} " == *" $app "* ]] && continue
  echo
  echo "=== consumer app $app"
  started=$SECONDS
  if (cd "$work/$app" && npm run --silent build && npm run --silent smoke); then
    echo "=== $app: passed in $((SECONDS - started)) s"
  else
    echo "=== $app: FAILED" >&2
    failed+=("$app")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "consumer tests failed: ${failed[*]}" >&2
  exit 1
fi
echo "consumer tests passed: ${apps[*]}"
