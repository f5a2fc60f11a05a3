#!/usr/bin/env python3
"""Generate a git repository with a long history for `ironlaw check --history` benchmarks.

Usage: gen_history.py DIR [--commits N] [--files F] [--seed S]

Writes a `git fast-import` stream (fast: no working-tree churn) of N commits; each commit
edits 1–4 of F source-like text files (adds 5–60 lines, deletes a few), and about one commit
in 200 adds a fake credential (AWS key id, GitHub token, private key) that a later commit
deletes again. Prints the number of planted secrets.
"""
import argparse
import os
import random
import string
import subprocess

WORDS = ("config value service deploy handler request response cache token user "
         "session client server retry timeout metric label index batch queue").split()


def line(rng):
    kind = rng.random()
    if kind < 0.3:
        return f"    {rng.choice(WORDS)}_{rng.choice(WORDS)} = {rng.randint(0, 99999)}"
    if kind < 0.6:
        return "    " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12)))
    if kind < 0.8:
        return f'    log.info("{rng.choice(WORDS)} {rng.choice(WORDS)} %s", {rng.choice(WORDS)})'
    return "    # " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 8)))


def fake_secret(rng):
    up = string.ascii_uppercase + "234567"
    alnum = string.ascii_letters + string.digits
    k = rng.randint(0, 2)
    if k == 0:
        return "AWS_ACCESS_KEY_ID = AKIA" + "".join(rng.choice(up) for _ in range(16))
    if k == 1:
        return "token = ghp_" + "".join(rng.choice(alnum) for _ in range(36))
    body = "".join(rng.choice(alnum + "+/") for _ in range(64))
    return "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join([body] * 4) + "\n-----END RSA PRIVATE KEY-----"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--commits", type=int, default=5000)
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.dir, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", a.dir], check=True)
    files = {f"src/mod{i // 30}/file{i}.py": [line(rng) for _ in range(rng.randint(20, 200))]
             for i in range(a.files)}
    planted = 0
    out = []
    t = 1_600_000_000
    pending = []  # (path, secret) to delete later
    for c in range(a.commits):
        t += 600
        changed = rng.sample(sorted(files), rng.randint(1, 4))
        for p in changed:
            body = files[p]
            for _ in range(rng.randint(0, 5)):
                if body:
                    body.pop(rng.randrange(len(body)))
            for _ in range(rng.randint(5, 60)):
                body.insert(rng.randint(0, len(body)), line(rng))
        if rng.random() < 0.005:
            p = changed[0]
            s = fake_secret(rng)
            files[p].insert(rng.randint(0, len(files[p])), s)
            pending.append((p, s))
            planted += 1
        elif pending and rng.random() < 0.02:
            p, s = pending.pop(0)
            if s in files[p]:
                files[p].remove(s)
                changed.append(p)
        out.append(f"commit refs/heads/main\nmark :{c + 1}\n"
                   f"author Bench <b@example.com> {t} +0000\n"
                   f"committer Bench <b@example.com> {t} +0000\n")
        msg = f"change {c}"
        out.append(f"data {len(msg)}\n{msg}\n")
        if c:
            out.append(f"from :{c}\n")
        for p in (files if c == 0 else sorted(set(changed))):
            data = ("\n".join(files[p]) + "\n").encode()
            out.append(f"M 100644 inline {p}\ndata {len(data)}\n")
            out.append(data.decode() + "\n")
    stream = "".join(out).encode()
    subprocess.run(["git", "-C", a.dir, "fast-import", "--quiet"], input=stream, check=True)
    subprocess.run(["git", "-C", a.dir, "checkout", "-q", "-f", "main"], check=True)
    print(f"{a.commits} commits, {a.files} files, {planted} secrets planted")


if __name__ == "__main__":
    main()
