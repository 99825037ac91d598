#!/usr/bin/env bash
# `make test` leaves the source tree as it found it: the Makefile's test target compares
# the tree before and after ctest and fails, naming the files, when the tests wrote into
# it. Here on a small checkout of the Makefile whose ctest is a stand-in (`make -o build`
# skips the build), once writing into the tree, once under build/, once failing, and
# once outside git.
source "$(dirname "$0")/lib.sh" "$@"
tree="$WORK/checkout"
mkdir -p "$tree/scripts" "$WORK/bin"
cp "$SRC/Makefile" "$tree/"
cp "$SRC/scripts/tree-state" "$tree/scripts/"
printf 'build/\n' >"$tree/.gitignore"
echo "a page" >"$tree/page.md"
# The stand-in ctest does what $CTEST_DOES says, then exits with $CTEST_EXIT.
cat >"$WORK/bin/ctest" <<'SH'
#!/usr/bin/env bash
eval "$CTEST_DOES"
exit "${CTEST_EXIT:-0}"
SH
chmod +x "$WORK/bin/ctest"
run_make() {  # run_make NAME STATUS WHAT-CTEST-DOES [EXIT]
  check "$1" "$2" env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u PRESET PATH="$WORK/bin:$PATH" \
    CTEST_DOES="$3" CTEST_EXIT="${4:-0}" make -s -C "$tree" -o build test
}

# Outside a git checkout: nothing to compare, nothing said.
run_make no-git 0 'echo x >new.txt'
lacks no-git err "changed the source tree"
rm -f "$tree/new.txt"

git -C "$tree" init -q && git -C "$tree" add -A &&
  git -C "$tree" -c user.name=t -c user.email=t@example.com commit -qm tree ||
  fail "a git checkout for the test"

run_make clean-run 0 'mkdir -p build/dev && echo x >build/dev/out.png'
lacks clean-run err "changed the source tree"

run_make writes-new 2 'mkdir -p docs/shots && echo x >docs/shots/overview.png'
contains writes-new err "make test: the tests changed the source tree"
contains writes-new err "docs/shots/overview.png"
rm -rf "$tree/docs"

run_make rewrites 2 'echo another >page.md'
contains rewrites err "page.md"
git -C "$tree" checkout -q page.md

# Work in progress before the tests is theirs to keep: only a change by the tests counts.
echo "an edit" >>"$tree/page.md"
run_make edited 0 'true'
run_make edited-again 2 'echo more >>page.md'
contains edited-again err "page.md"
git -C "$tree" checkout -q page.md

# A failing test still fails make test (make says the status ctest gave).
run_make failing 2 'true' 8
contains failing err "Error 8"
lacks failing err "changed the source tree"

finish "make test fails when the tests change the source tree, and only then"
