#!/usr/bin/env bash
# Every example that `okr … --help` shows runs as shown on the demo organisation.
#
# The examples are found by reading `okr --help` and, recursively, the help of every
# subcommand it lists (the lines under "Example:" or "Examples:"), so a new command is
# covered as soon as it exists. Each example runs in a new folder (holding a link to the
# checkout's examples/) on its own copy of the demo database (okr.db in the folder, and
# $OKR_DB), in one shell after the examples shown before it in the same help, as someone
# reading it would type them: an example may use a file, a variable or a record the ones
# before it made. It must exit 0; `okr serve` must start serving (on a free port in place
# of 8080), and is then stopped.
#
# Also checked: every command without subcommands has an example, and no subcommand
# repeats an example of a command above it.
source "$(dirname "$0")/lib.sh" "$@"

# The examples that cannot run here, by exact text, and why. Each must still end with a
# clear failure (exit 1 or 2, with a message), never a crash or a hang.
EXPECTED_TO_FAIL=$(cat <<'LIST'
OKR_DB='postgres://okr@db.internal/okr' okr init --create	needs a PostgreSQL server
okr --db postgres://okr@db.internal/okr backup /backups/okr-$(date +%F).db	needs a PostgreSQL server
okr --db postgres://okr@db.internal/okr restore okr-2026-12-01.db	needs a PostgreSQL server
okr migrate-db --from okr.db --to postgres://okr@db.internal/okr	needs a PostgreSQL server
okr migrate-db --from postgres://okr@db.internal/okr --to okr.db --force	needs a PostgreSQL server
okr --db postgres://okr@db.internal/okr serve --db-read postgres://okr@replica.internal/okr	needs a PostgreSQL server and a standby of it
okr sso add keycloak --issuer https://id.example.com/realms/staff --client-id okr --client-secret-file /etc/okr/keycloak-secret --display-name 'Example staff' --allow-domain example.com	needs the provider (its discovery document, over the network) and its client secret
okr sso remove keycloak	needs a provider, which okr sso add adds only with the network
okr sso only on --break-glass admin@example.com	needs a provider, which okr sso add adds only with the network
okr notify test --webhook https://hooks.example.com/okr --secret-env OKR_WEBHOOK_SECRET	posts to a web server on the network
okr notify test --email ana@lumen.example	needs a mail server (okr mail set)
LIST
)

"$OKR" --db "$WORK/demo.db" demo >/dev/null || { fail "okr demo"; finish; exit 1; }
mkdir -p "$WORK/bin"
ln -s "$OKR" "$WORK/bin/okr"

EXPECTED_TO_FAIL=$EXPECTED_TO_FAIL /usr/bin/python3 - "$WORK" "$SRC" <<'PY' || fails=$((fails + 1))
import concurrent.futures, os, re, shutil, signal, socket, subprocess, sys, time

work, src = sys.argv[1], sys.argv[2]
okr = os.path.join(work, "bin", "okr")
expected_to_fail = dict(line.split("\t", 1) for line in os.environ["EXPECTED_TO_FAIL"].splitlines())
env = dict(os.environ, PATH=os.path.join(work, "bin") + os.pathsep + os.environ["PATH"])
env.pop("OKR_USER", None)
failures = []


def help_of(path):
    run = subprocess.run([okr, *path, "--help"], capture_output=True, text=True, env=env, timeout=30)
    if run.returncode != 0:
        failures.append(f"okr {' '.join(path)} --help: exit {run.returncode}\n{run.stderr}")
    subcommands, examples, section = [], [], None
    for line in run.stdout.splitlines():
        if re.match(r"^\S.*:$", line):
            section = line[:-1]
        elif section == "Subcommands" and (m := re.match(r"^  (\S+)", line)):
            subcommands.append(m.group(1))
        elif section in ("Example", "Examples") and re.match(r"^  \S", line):
            # An example's comment follows two spaces and a '#'; indented lines are notes.
            examples.append(re.split(r"\s+#\s", line.strip())[0].rstrip())
    return subcommands, examples


helps = []  # (command, its examples)


def walk(path, above):
    subcommands, examples = help_of(path)
    command = " ".join(["okr", *path])
    if not subcommands and not examples:
        failures.append(f"{command} --help shows no example")
    for example in examples:
        if example in above:
            failures.append(f"{command} --help repeats an example of a command above it: {example}")
    helps.append((command, examples))
    for sub in subcommands:
        walk(path + [sub], above | set(examples))


walk([], set())


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return str(s.getsockname()[1])


def is_serve(example):
    return re.match(r"^okr( --db \S+)? serve\b", example) is not None


def run_one(before, example, folder, port):
    """Runs example in folder, in one shell after the examples before it; returns (status, output)."""
    script = ""
    for line in before:  # as the reader typed them; their own runs check them
        if not is_serve(line) and line not in expected_to_fail:
            script += "{ " + line.replace(":8080", ":" + port) + "\n} >/dev/null 2>&1\n"
    line = example.replace(":8080", ":" + port)
    if is_serve(example):
        out_path = os.path.join(folder, "serve.out")
        with open(out_path, "w") as out:
            proc = subprocess.Popen(["bash", "-c", script + "exec " + line], cwd=folder, env=folder_env(folder),
                                    stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
            deadline = time.time() + 30
            while time.time() < deadline and proc.poll() is None:
                if "serving" in open(out_path).read():
                    break
                time.sleep(0.1)
            serving = "serving" in open(out_path).read()
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
        output = open(out_path).read()
        return (0 if serving else (proc.returncode or 1)), output
    try:
        run = subprocess.run(["bash", "-o", "pipefail", "-c", script + line], cwd=folder, env=folder_env(folder),
                             capture_output=True, text=True, timeout=60, start_new_session=True)
    except subprocess.TimeoutExpired as e:
        return 124, f"{e.stdout or ''}{e.stderr or ''}(still running after 60 s)"
    return run.returncode, run.stdout + run.stderr


def folder_env(folder):
    return dict(env, OKR_DB=os.path.join(folder, "okr.db"))


def check(job):
    index, command, examples, position = job
    example = examples[position]
    folder = os.path.join(work, f"example-{index}")
    os.mkdir(folder)
    os.symlink(os.path.join(src, "examples"), os.path.join(folder, "examples"))
    shutil.copyfile(os.path.join(work, "demo.db"), os.path.join(folder, "okr.db"))
    status, output = run_one(examples[:position], example, folder, free_port())
    shutil.rmtree(folder, ignore_errors=True)
    if example in expected_to_fail:
        crashed = status not in (1, 2) or re.search(r"terminate called|Assertion|Sanitizer|Segmentation", output)
        if crashed or not output.strip():
            return f"{command} --help: {example}\n  expected a clear failure ({expected_to_fail[example]}); exit {status}:\n{output}"
        return None
    if status != 0:
        return f"{command} --help: {example}\n  exit {status}:\n{output}"
    return None


jobs = []
for command, examples in helps:
    for position in range(len(examples)):
        jobs.append((len(jobs), command, examples, position))
with concurrent.futures.ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
    for result in pool.map(check, jobs):
        if result:
            failures.append(result)

shown = {example for _, examples in helps for example in examples}
for example in expected_to_fail:
    if example not in shown:
        failures.append(f"listed as expected to fail, but no --help shows it: {example}")

for failure in failures:
    print("FAIL " + failure)
print(f"{len(jobs)} examples in {len(helps)} commands' help")
sys.exit(1 if failures else 0)
PY
finish "every --help example runs on the demo"
