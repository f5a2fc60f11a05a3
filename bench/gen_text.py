#!/usr/bin/env python3
"""Generate a deterministic tree of mixed text for the secrets-scan benchmark.

    python3 bench/gen_text.py OUT_DIR [--mb 110] [--seed 42]

What it writes (sizes are approximate, by share of bytes):

- source-like files (.py, .js, .go, .java, .rs): identifiers, calls, string literals,
  comments, some long hex/base64 constants that are not secrets (~55%);
- configuration (.yaml, .ini, .json, .properties, .toml): keys and values, URLs, hosts,
  placeholders such as `password: ${DB_PASSWORD}` (~25%);
- minified lines (.min.js, .map): one line of 64 KiB to 1 MiB, no newline (~12%);
- logs (.log): timestamps, request lines, ids (~8%).

Planted fake secrets (deterministic, real-shaped, never valid): AWS access key ids, GitHub
tokens, RSA private-key blocks and `password = "…"` assignments, in about 2% of the files, in
any kind of file. `OUT_DIR/planted.tsv` lists each one (path, line, kind).
"""

import argparse
import base64
import os
import random
import string

B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
ALNUM = string.ascii_letters + string.digits
WORDS = (
    "account user order item cache client server request response handler config value "
    "index count total buffer stream reader writer token session queue worker job task "
    "event message payload status error result record schema table column field name "
    "path file route service region bucket node pod cluster deploy build image tag"
).split()


def ident(r):
    a, b = r.choice(WORDS), r.choice(WORDS)
    return r.choice([f"{a}_{b}", f"{a}{b.capitalize()}", a])


def code_line(r, lang):
    k = r.random()
    x, y, z = ident(r), ident(r), ident(r)
    if k < 0.08:
        return {"py": "#", "js": "//", "go": "//", "java": "//", "rs": "//"}[lang] + " " + " ".join(
            r.choice(WORDS) for _ in range(r.randint(4, 14))
        )
    if k < 0.14:
        # non-secret high-entropy constant (a hash) with a neutral name
        return f'{x}_sha = "{"".join(r.choice("0123456789abcdef") for _ in range(40))}"'
    if k < 0.2:
        return f'{x} = "{" ".join(r.choice(WORDS) for _ in range(r.randint(2, 8)))}"'
    if lang == "py":
        return r.choice(
            [
                f"    {x} = {y}.{z}({r.randint(0, 999)})",
                f"def {x}({y}, {z}):",
                f"    if {x} is None:",
                f"        return {y}[{r.randint(0, 9)}]",
                f"    for {x} in {y}.{z}():",
                f"import {x}",
            ]
        )
    if lang in ("js", "java"):
        return r.choice(
            [
                f"  const {x} = await {y}.{z}({r.randint(0, 999)});",
                f"function {x}({y}, {z}) {{",
                f"  if (!{x}) {{ return {y}; }}",
                f"  {x}.{y}({z}, {r.randint(0, 99)});",
                "}",
            ]
        )
    return r.choice(
        [
            f"\t{x} := {y}.{z}({r.randint(0, 999)})",
            f"func {x}({y} int, {z} string) error {{",
            f"\tif err != nil {{ return err }}",
            f"let {x} = {y}.{z}()?;",
            "}",
        ]
    )


def config_line(r, ext):
    x, y = ident(r), ident(r)
    v = r.choice(
        [
            str(r.randint(0, 65535)),
            f"https://{y}.example.internal:{r.randint(1000, 9999)}/{x}",
            "${" + x.upper() + "}",
            r.choice(["true", "false", "info", "debug"]),
            " ".join(r.choice(WORDS) for _ in range(3)),
        ]
    )
    if ext == "json":
        return f'  "{x}": "{v}",'
    if ext in ("ini", "properties"):
        return f"{x}.{y}={v}"
    if ext == "toml":
        return f'{x} = "{v}"'
    return f"{'  ' * r.randint(0, 3)}{x}: {v}"


def log_line(r, i):
    return (
        f"2026-11-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:"
        f"{r.randint(0, 59):02d}Z INFO {ident(r)} request_id={r.getrandbits(64):016x} "
        f"GET /api/{ident(r)}/{r.randint(0, 99999)} status={r.choice([200, 200, 201, 404, 500])} "
        f"took={r.randint(1, 900)}ms"
    )


def minified(r, size):
    parts = []
    n = 0
    while n < size:
        s = f"function {ident(r)}(a,b){{return a.{ident(r)}(b,{r.randint(0, 99)})}};var {ident(r)}=\"{r.choice(WORDS)}\";"
        parts.append(s)
        n += len(s)
    return "".join(parts)


def secret(r, kind):
    if kind == "aws":
        v = "AKIA" + "".join(r.choice(B32) for _ in range(16))
        return f'aws_access_key_id = "{v}"'
    if kind == "github":
        v = "ghp_" + "".join(r.choice(ALNUM) for _ in range(36))
        return f"GITHUB_TOKEN={v}"
    if kind == "password":
        v = "".join(r.choice(ALNUM + "!#%") for _ in range(18))
        return f'password = "{v}"'
    body = base64.b64encode(bytes(r.getrandbits(8) for _ in range(600))).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=110.0)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    r = random.Random(a.seed)
    target = int(a.mb * 1_000_000)
    total = 0
    planted = []
    i = 0
    kinds = (
        [("code", e) for e in ("py", "js", "go", "java", "rs")] * 11
        + [("config", e) for e in ("yaml", "ini", "json", "properties", "toml")] * 5
        + [("min", "min.js")] * 1
        + [("log", "log")] * 3
    )
    while total < target:
        kind, ext = r.choice(kinds)
        d = os.path.join(a.out, f"pkg{i % 97:02d}", f"mod{(i // 97) % 13}")
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, f"{ident(r)}_{i}.{ext}")
        rel = os.path.relpath(path, a.out)
        if kind == "min":
            text = minified(r, r.randint(64 * 1024, 1024 * 1024))
            lines = [text]
        else:
            n = r.randint(40, 1200)
            if kind == "code":
                lines = [code_line(r, ext) for _ in range(n)]
            elif kind == "config":
                lines = [config_line(r, ext) for _ in range(n)]
            else:
                lines = [log_line(r, j) for j in range(n)]
            if r.random() < 0.02:
                at = r.randrange(len(lines))
                sk = r.choice(["aws", "github", "password", "key"])
                lines.insert(at, secret(r, sk))
                planted.append((rel, at + 1, sk))
        data = "\n".join(lines) + ("" if kind == "min" else "\n")
        with open(path, "w") as f:
            f.write(data)
        total += len(data)
        i += 1
    with open(os.path.join(a.out, "planted.tsv"), "w") as f:
        for p in planted:
            f.write("%s\t%d\t%s\n" % p)
    print(f"{i} files, {total / 1e6:.1f} MB, {len(planted)} planted secrets")


if __name__ == "__main__":
    main()
