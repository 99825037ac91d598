#!/usr/bin/env bash
# make in a checkout whose build folder was configured for another checkout path (a
# copied or moved tree): one line that says to run `make clean`, not CMake's error.
source "$(dirname "$0")/lib.sh" "$@"
mkdir -p "$WORK/checkout/scripts" "$WORK/checkout/build/dev"
cp "$SRC/Makefile" "$WORK/checkout/"
cp "$SRC/scripts/install-deps" "$WORK/checkout/scripts/"
echo "CMAKE_HOME_DIRECTORY:INTERNAL=/somewhere/else" >"$WORK/checkout/build/dev/CMakeCache.txt"
# make passes its command-line variables (make test PRESET=ci) down through MAKEFLAGS
# and the environment;
# the checkout here is configured as a newcomer would, with the default preset.
check moved 2 env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u PRESET make -s -C "$WORK/checkout" configure
contains moved err "build/dev was configured for the checkout at /somewhere/else, not this one"
contains moved err "run 'make clean'"
lacks moved err "CMake Error"
finish "a moved build folder is named, with the way out"
