"""Shared by scripts/fuzz-*: mutation of documents and the classification of a git-bench process's outcome."""
import os
import random
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUITE = os.path.join(ROOT, "Tests/GitBenchKitTests/Fixtures/toml-test")
TOKENS = [b"[", b"]", b"[[", b"]]", b"{", b"}", b"=", b"\"", b"'", b'"""', b"'''", b".", b",", b"#", b"\n", b"\r\n",
          b"\r", b"\\", b"\\u", b"\\U0001F600", b"\\uD800", b"0x", b"0o", b"0b", b"_", b"e", b"E", b"+", b"-", b":",
          b"T", b"Z", b" ", b"\t", b"\x00", b"\x7f", b"\xc3\xa9", b"\xff", b"inf", b"nan", b"true", b"false",
          b"1979-05-27", b"07:32:00", b".5", b"1e400", b"9223372036854775808", b"a.b", b"\"a\"", b"[a]", b"[[a]]",
          b"x = 1\n", b"{a=1}", b"[1,2]", b"60"]


def seeds():
    documents = []
    for directory in ("valid", "invalid"):
        for base, _, files in os.walk(os.path.join(SUITE, directory)):
            for name in sorted(files):
                if name.endswith(".toml"):
                    with open(os.path.join(base, name), "rb") as handle:
                        documents.append(handle.read())
    for base in ("bench", "Examples", "scripts"):
        for path, _, files in os.walk(os.path.join(ROOT, base)):
            for name in files:
                if name.endswith(".toml"):
                    with open(os.path.join(path, name), "rb") as handle:
                        documents.append(handle.read())
    return documents


def mutate(document, others, rng):
    data = bytearray(document)
    for _ in range(rng.randint(1, 3)):
        choice = rng.random()
        position = rng.randint(0, len(data)) if data else 0
        if choice < 0.25 and data:
            del data[position:position + rng.randint(1, 4)]
        elif choice < 0.55:
            data[position:position] = rng.choice(TOKENS)
        elif choice < 0.7 and data:
            data[position:position + 1] = bytes([rng.randrange(256)])
        elif choice < 0.85:
            lines = bytes(data).split(b"\n")
            if len(lines) > 1:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                if rng.random() < 0.5:
                    lines[i], lines[j] = lines[j], lines[i]
                else:
                    lines.insert(j, lines[i])
            data = bytearray(b"\n".join(lines))
        else:
            other = rng.choice(others).split(b"\n")
            lines = bytes(data).split(b"\n")
            cut = rng.randint(0, len(lines))
            data = bytearray(b"\n".join(lines[:cut] + other[rng.randrange(len(other) + 1):]))
    return bytes(data)




def outcome(command, timeout, **kwargs):
    """Runs a git-bench command and names what happened: "accepted" (exit 0), "clean" (a sysexits code and exactly
    one `git-bench: error:` line, warnings aside), "crash" (a signal or 70), "hang" (timeout) or "unclear" (anything
    else, e.g. a multi-line error). Returns (kind, exit status, stderr)."""
    try:
        result = subprocess.run(command, capture_output=True, timeout=timeout, **kwargs)
    except subprocess.TimeoutExpired as expired:
        return "hang", None, (expired.stderr or b"").decode("utf-8", "replace")
    stderr = result.stderr.decode("utf-8", "replace")
    status = result.returncode
    if status == 0:
        return "accepted", status, stderr
    if status < 0 or status == 70 or status >= 128:
        return "crash", status, stderr
    lines = [line for line in stderr.splitlines() if not line.startswith("git-bench: warning:")]
    if 64 <= status <= 78 and len(lines) == 1 and lines[0].startswith("git-bench: error:"):
        return "clean", status, stderr
    return "unclear", status, stderr
