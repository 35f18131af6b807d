#!/usr/bin/env bash
# `make install` into a temporary DESTDIR + PREFIX, then what a user would try: the installed lrlab
# runs --help and --version (with this checkout's commit), the bash completion loads and completes,
# the zsh and fish scripts are in place, the man page formats, and `make uninstall` removes it all.
# Run by `make test` after `swift test`, so it installs that debug build (CONFIGURATION=debug)
# instead of building a release; CONFIGURATION=release Tests/install/run.sh tries the real thing.
set -euo pipefail
cd "$(dirname "$0")/../.."

configuration="${CONFIGURATION:-debug}"
work=$(mktemp -d "${TMPDIR:-/tmp}/lrlab-install-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
destdir="$work/stage"
prefix=/opt/lrlab
root="$destdir$prefix"
passed=0

pass() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "skipped: $*"; }

# 1. make install
if ! make --no-print-directory install CONFIGURATION="$configuration" DESTDIR="$destdir" PREFIX="$prefix" >"$work/install.log" 2>&1; then
    cat "$work/install.log" >&2
    fail "make install CONFIGURATION=$configuration DESTDIR=$destdir PREFIX=$prefix"
fi
pass "make install into DESTDIR=$destdir PREFIX=$prefix"

files=(bin/lrlab share/bash-completion/completions/lrlab share/zsh/site-functions/_lrlab
       share/fish/vendor_completions.d/lrlab.fish share/man/man1/lrlab.1)
for file in "${files[@]}"; do
    [ -s "$root/$file" ] || fail "$root/$file is missing or empty"
done
[ -x "$root/bin/lrlab" ] || fail "$root/bin/lrlab is not executable"
pass "the binary, 3 completion scripts and the man page are in place"

# 2. the installed binary, run from somewhere else
bin="$root/bin/lrlab"
help=$(cd "$work" && "$bin" --help) || fail "lrlab --help exited $?"
grep -q '^USAGE: lrlab <subcommand>' <<<"$help" || fail "lrlab --help has no usage line: $help"
grep -q '^  run ' <<<"$help" || fail "lrlab --help lists no run subcommand: $help"
pass "lrlab --help"

version=$(cd "$work" && "$bin" --version) || fail "lrlab --version exited $?"
[[ "$version" =~ ^lrlab\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ ([0-9a-f]{4,64}|unknown)\)$ ]] \
    || fail "lrlab --version says '$version', not 'lrlab X.Y.Z (commit HASH)'"
if top=$(git rev-parse --show-toplevel 2>/dev/null) && [ "$(cd "$top" && pwd -P)" = "$(pwd -P)" ]; then
    head=$(git rev-parse --short HEAD)
    [ "${BASH_REMATCH[1]}" = "$head" ] || fail "lrlab --version names commit ${BASH_REMATCH[1]}, the checkout is at $head"
    pass "lrlab --version: $version (the checkout's HEAD)"
else
    [ "${BASH_REMATCH[1]}" = unknown ] || fail "outside a git checkout lrlab --version should say 'unknown': $version"
    pass "lrlab --version: $version (not a git checkout)"
fi

# 3. bash completion: loads, registers, and completes a subcommand and an option
completion="$root/share/bash-completion/completions/lrlab"
registered=$(bash -c 'source "$1" && complete -p lrlab' _ "$completion") || fail "the bash completion does not load"
[[ "$registered" == *"-F _lrlab lrlab"* ]] || fail "the bash completion registers '$registered'"
subcommands=$(bash -c 'source "$1"; COMP_WORDS=(lrlab r); COMP_CWORD=1; COMP_LINE="lrlab r"; COMP_POINT=7
    _lrlab lrlab r lrlab; printf "%s\n" "${COMPREPLY[@]}"' _ "$completion")
[ "$(sort <<<"$subcommands" | tr '\n' ' ')" = "report run " ] || fail "'lrlab r<TAB>' completes to: $subcommands"
options=$(bash -c 'source "$1"; COMP_WORDS=(lrlab run --fr); COMP_CWORD=2; COMP_LINE="lrlab run --fr"; COMP_POINT=14
    _lrlab lrlab --fr run; printf "%s\n" "${COMPREPLY[@]}"' _ "$completion")
[ "$options" = "--fresh" ] || fail "'lrlab run --fr<TAB>' completes to: $options"
pass "bash completion loads ($registered) and completes 'lrlab r' and 'lrlab run --fr'"

# 4. zsh and fish: the right kind of script; when the shell is installed, parsed, and bound (zsh)
#    or completing 'lrlab r' (fish)
head -n 1 "$root/share/zsh/site-functions/_lrlab" | grep -qx '#compdef lrlab' || fail "_lrlab does not start with #compdef lrlab"
if command -v zsh >/dev/null; then
    zsh -n "$root/share/zsh/site-functions/_lrlab" || fail "zsh cannot parse _lrlab"
    bound=$(zsh -fc 'fpath=("$1" $fpath); autoload -U compinit; compinit -u -D; print -r -- "${_comps[lrlab]}"' \
        _ "$root/share/zsh/site-functions") || fail "zsh compinit fails with _lrlab in fpath"
    [ "$bound" = _lrlab ] || fail "zsh binds lrlab to '$bound', not _lrlab"
else
    skip "zsh is not installed: _lrlab checked by its #compdef line only"
fi
grep -q "^complete -c 'lrlab' " "$root/share/fish/vendor_completions.d/lrlab.fish" || fail "lrlab.fish has no 'complete -c lrlab'"
if command -v fish >/dev/null; then
    fish -n "$root/share/fish/vendor_completions.d/lrlab.fish" || fail "fish cannot parse lrlab.fish"
    offered=$(fish -c 'source $argv[1]; complete -C "lrlab r"' "$root/share/fish/vendor_completions.d/lrlab.fish" | cut -f1)
    [ "$(sort <<<"$offered" | tr '\n' ' ')" = "report run " ] || fail "fish completes 'lrlab r' to: $offered"
else
    skip "fish is not installed: lrlab.fish checked by its content only"
fi
pass "zsh and fish completion scripts"

# 5. the man page: argument-parser's mdoc, formatted without a warning
manual="$root/share/man/man1/lrlab.1"
grep -q '^\.Dt LRLAB 1$' "$manual" || fail "lrlab.1 has no '.Dt LRLAB 1' header"
if command -v groff >/dev/null; then
    warnings=$(groff -mandoc -Tutf8 -ww -z "$manual" 2>&1) || fail "groff cannot format lrlab.1: $warnings"
    [ -z "$warnings" ] || fail "groff warns on lrlab.1: $warnings"
    page=$(if command -v man >/dev/null; then MANWIDTH=100 man -l "$manual"; else groff -mandoc -Tutf8 "$manual"; fi 2>&1) \
        || fail "lrlab.1 does not format: $page"
    grep -q 'lrlab subcommand' <<<"$page" || fail "the formatted man page has no synopsis: $page"
    grep -q 'Train every run of a sweep' <<<"$page" || fail "the formatted man page does not describe run"
    pass "man page formats (groff -ww, $(command -v man >/dev/null && echo 'man -l' || echo 'groff'))"
else
    skip "neither groff nor man is installed: lrlab.1 checked by its header only"
fi

# 6. make uninstall removes exactly what was installed
make --no-print-directory uninstall DESTDIR="$destdir" PREFIX="$prefix" >"$work/uninstall.log" 2>&1 \
    || { cat "$work/uninstall.log" >&2; fail "make uninstall"; }
left=$(find "$destdir" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"
pass "make uninstall removes every installed file"

echo "install test: $passed checks passed"
