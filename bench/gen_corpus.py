#!/usr/bin/env python3
"""Generate a deterministic corpus of varied Dockerfiles for benchmarking ironlaw.

    bench/gen_corpus.py OUT_DIR [--count 20000] [--seed 42]

Layout: OUT_DIR/svc00000/Dockerfile, with every 7th file named `Dockerfile.prod` and every
11th `api.Dockerfile`, so discovery's name classification is exercised too. The same seed and
count always produce byte-identical files. About 4% of the files contain an error (bad JSON
exec form, unterminated heredoc, unknown instruction, instruction before FROM, dangling
continuation), so the error-recovery path is part of the measurement.

`--no-heredocs` replaces heredocs by `RUN … \\` continuations: hadolint 2.x does not parse
heredocs and reports only DL1000 for such files (no rules run), which would flatter its speed.

A file list (one absolute path per line) is written to OUT_DIR/files.txt for tools that take
files, not directories (hadolint).
"""

import argparse
import os
import random
import sys

BASES = [
    ("ubuntu", ["22.04", "24.04", "jammy", "latest", None]),
    ("debian", ["12-slim", "bookworm", "11", "latest", None]),
    ("alpine", ["3.19", "3.20", "latest", "3", None]),
    ("node", ["20-alpine", "20.11-bookworm-slim", "18", "lts", "latest"]),
    ("python", ["3.12-slim", "3.11-alpine", "3", "latest", "3.12-slim-bookworm"]),
    ("golang", ["1.22-alpine", "1.22", "latest"]),
    ("eclipse-temurin", ["21-jre", "17-jdk-alpine"]),
    ("nginx", ["1.25-alpine", "stable", "latest", None]),
    ("redis", ["7-alpine", "7.2"]),
    ("ghcr.io/acme/base", ["v1.4.2", "main", None]),
    ("registry.example.com:5000/team/runtime", ["2024.05", None]),
    ("gcr.io/distroless/static-debian12", ["nonroot", "latest"]),
    ("mcr.microsoft.com/dotnet/aspnet", ["8.0", "8.0-alpine"]),
    ("rust", ["1.77-slim", "1-bookworm", "latest"]),
]

APT_PKGS = ["curl", "ca-certificates", "git", "build-essential", "libpq-dev", "jq", "unzip",
            "openssl", "tzdata", "locales", "gnupg", "wget", "python3", "make", "gcc"]
APK_PKGS = ["curl", "ca-certificates", "git", "bash", "build-base", "libffi-dev", "openssl",
            "tzdata", "tini", "su-exec", "jq", "postgresql-client"]
PIP_PKGS = ["flask", "gunicorn", "requests", "django", "fastapi", "uvicorn", "numpy",
            "psycopg2-binary", "celery", "boto3"]
NPM_PKGS = ["express", "typescript", "pm2", "yarn", "pnpm", "nodemon", "react", "lodash"]
USERS = ["app", "nonroot", "1000", "1001:1001", "node", "www-data", "root"]
NO_HEREDOCS = False
PORTS = ["80", "443", "8080", "3000", "5000", "8000", "9090", "8443/tcp", "53/udp"]


def image(rng):
    name, tags = rng.choice(BASES)
    tag = rng.choice(tags)
    r = rng.random()
    if r < 0.1:
        digest = "".join(rng.choice("0123456789abcdef") for _ in range(64))
        return f"{name}@sha256:{digest}"
    if tag is None:
        return name
    return f"{name}:{tag}"


def pick(rng, items, lo, hi):
    return rng.sample(items, rng.randint(lo, min(hi, len(items))))


def apt_install(rng):
    pkgs = pick(rng, APT_PKGS, 1, 7)
    if rng.random() < 0.5:
        pkgs = [p + "=" + f"{rng.randint(1, 9)}.{rng.randint(0, 20)}*" if rng.random() < 0.4
                else p for p in pkgs]
    style = rng.randint(0, 3)
    if style == 0:
        body = " \\\n        ".join(pkgs)
        return ("RUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n"
                f"        {body} \\\n    && rm -rf /var/lib/apt/lists/*")
    if style == 1:
        return f"RUN apt-get update && apt-get install -y {' '.join(pkgs)}"
    if style == 2:
        return ("RUN --mount=type=cache,target=/var/cache/apt \\\n"
                f"    apt-get update && apt-get -y install {' '.join(pkgs)} \\\n"
                "    # clean up\n    && apt-get clean")
    return f"RUN apt-get install {' '.join(pkgs)}"


def apk_install(rng):
    pkgs = pick(rng, APK_PKGS, 1, 6)
    if rng.random() < 0.6:
        return f"RUN apk add --no-cache {' '.join(pkgs)}"
    return f"RUN apk update && apk add {' '.join(pkgs)}"


def pip_install(rng):
    pkgs = pick(rng, PIP_PKGS, 1, 5)
    pkgs = [p + f"=={rng.randint(1, 5)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}"
            if rng.random() < 0.5 else p for p in pkgs]
    flag = "--no-cache-dir " if rng.random() < 0.5 else ""
    if rng.random() < 0.3:
        return f"COPY requirements.txt .\nRUN pip install {flag}-r requirements.txt"
    return f"RUN pip install {flag}{' '.join(pkgs)}"


def npm_install(rng):
    r = rng.random()
    if r < 0.4:
        return "COPY package.json package-lock.json ./\nRUN npm ci --omit=dev"
    if r < 0.7:
        return f"RUN npm install -g {' '.join(pick(rng, NPM_PKGS, 1, 3))}"
    return "COPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile && yarn cache clean"


def heredoc(rng):
    lines = ["set -eux"]
    for _ in range(rng.randint(1, 6)):
        lines.append(rng.choice([
            "echo building",
            "mkdir -p /opt/app/data",
            "curl -fsSL https://example.com/install.sh | sh",
            "chmod +x /usr/local/bin/entry",
            "useradd -r -u 1001 app",
            "wget -qO- https://example.com/x.tgz | tar xz -C /opt",
            "cd /opt && ./configure && make -j4",
        ]))
    body = "\n".join(lines)
    r = rng.random()
    if r < 0.5:
        return f"RUN <<EOF\n{body}\nEOF"
    if r < 0.8:
        return f"RUN bash <<'SCRIPT'\n{body}\nSCRIPT"
    return f"COPY <<-CONF /etc/app/app.conf\n\tport = {rng.choice(PORTS)}\n\tworkers = 4\nCONF"


def misc(rng):
    return rng.choice([
        "WORKDIR /app",
        "WORKDIR app",
        "COPY . .",
        "COPY --chown=app:app . /app",
        "ADD https://example.com/tool.tar.gz /tmp/",
        "ADD vendor.tar.gz /opt/",
        f"ENV APP_ENV=production \\\n    PORT={rng.choice(PORTS).split('/')[0]} \\\n    LANG=C.UTF-8",
        "ENV PATH /opt/bin:$PATH",
        "ARG VERSION=1.0.0",
        "ARG GITHUB_TOKEN",
        'LABEL org.opencontainers.image.source="https://github.com/acme/app" \\\n'
        '      org.opencontainers.image.version="$VERSION"',
        "MAINTAINER ops@example.com",
        "RUN cd /app && make build",
        "RUN curl -sSL https://get.example.com | bash",
        "RUN sudo apt-get update",
        "RUN chmod -R 777 /app",
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        "VOLUME /data",
        "RUN echo 'hello' > /etc/motd # ironlaw:ignore[DF099] demo",
        "# hadolint ignore=DL3008\nRUN apt-get install -y vim",
        "RUN ln -sf /dev/stdout /var/log/app.log",
        "STOPSIGNAL SIGTERM",
    ])


def stage(rng, idx, n_stages):
    out = []
    base = image(rng)
    if idx > 0 and rng.random() < 0.3:
        base = f"stage{rng.randint(0, idx - 1)}"
    as_ = f" AS stage{idx}" if n_stages > 1 else ""
    platform = "--platform=$BUILDPLATFORM " if rng.random() < 0.05 else ""
    out.append(f"FROM {platform}{base}{as_}")
    lowered = base.split(":")[0].split("@")[0]
    for _ in range(rng.randint(1, 8)):
        r = rng.random()
        if r < 0.2:
            out.append(apk_install(rng) if "alpine" in base else apt_install(rng))
        elif r < 0.3 and "python" in lowered:
            out.append(pip_install(rng))
        elif r < 0.4 and "node" in lowered:
            out.append(npm_install(rng))
        elif r < 0.5:
            h = heredoc(rng)
            if NO_HEREDOCS:
                # same random draws, heredoc replaced by an equivalent continuation
                h = "RUN set -eux \\\n    && mkdir -p /opt/app/data \\\n    && echo building"
            out.append(h)
        else:
            out.append(misc(rng))
    if idx > 0 and rng.random() < 0.6:
        out.append(f"COPY --from=stage{rng.randint(0, idx - 1)} /app/dist /app/dist")
    return out


def tail(rng):
    out = []
    if rng.random() < 0.6:
        out.append(f"EXPOSE {' '.join(pick(rng, PORTS, 1, 2))}")
    if rng.random() < 0.6:
        out.append(f"USER {rng.choice(USERS)}")
    r = rng.random()
    if r < 0.3:
        out.append("HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1")
    elif r < 0.4:
        out.append('HEALTHCHECK CMD ["/app/healthcheck"]')
    elif r < 0.45:
        out.append("HEALTHCHECK NONE")
    r = rng.random()
    if r < 0.5:
        out.append('ENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["/app/server", "--port", "8080"]')
    elif r < 0.8:
        out.append("CMD /app/server --port 8080")
    else:
        out.append('CMD ["python", "-m", "app"]')
    return out


def broken(rng, lines):
    kind = rng.randint(0, 4)
    if kind == 1 and NO_HEREDOCS:
        kind = 0
    if kind == 0:
        lines.append('CMD ["unterminated", "json')
    elif kind == 1:
        lines.append("RUN <<EOF\necho never closed")
    elif kind == 2:
        lines.insert(rng.randint(1, len(lines)), "FROOM something bogus")
    elif kind == 3:
        lines.insert(0, "RUN echo before from")
    else:
        lines.append("RUN echo dangling \\")
    return lines


def dockerfile(rng):
    lines = []
    r = rng.random()
    if r < 0.15:
        lines.append("# syntax=docker/dockerfile:1")
    elif r < 0.18:
        lines.append("# escape=`")
    if rng.random() < 0.3:
        lines.append(f"# Build image for service {rng.randint(1, 999)}")
    if rng.random() < 0.2:
        lines.append(f"ARG BASE_TAG={rng.randint(1, 20)}.{rng.randint(0, 9)}")
    n_stages = 1 if rng.random() < 0.55 else rng.randint(2, 4)
    for i in range(n_stages):
        lines.extend(stage(rng, i, n_stages))
    lines.extend(tail(rng))
    if rng.random() < 0.04:
        lines = broken(rng, lines)
    text = "\n".join(lines)
    if r >= 0.15 and r < 0.18:
        # escape=` files continue lines with a backtick, as Windows Dockerfiles do
        text = text.replace("\\\n", "`\n")
    if rng.random() < 0.95:
        text += "\n"
    if rng.random() < 0.02:
        text = text.replace("\n", "\r\n")
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-heredocs", action="store_true",
                    help="no heredocs (hadolint 2.x cannot parse them and stops at DL1000)")
    args = ap.parse_args()
    global NO_HEREDOCS
    NO_HEREDOCS = args.no_heredocs
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    paths = []
    total = 0
    for i in range(args.count):
        d = os.path.join(args.out, f"svc{i:05d}")
        os.makedirs(d, exist_ok=True)
        name = "Dockerfile"
        if i % 7 == 3:
            name = "Dockerfile.prod"
        elif i % 11 == 5:
            name = "api.Dockerfile"
        p = os.path.join(d, name)
        text = dockerfile(rng)
        data = text.encode("utf-8")
        total += len(data)
        with open(p, "wb") as f:
            f.write(data)
        paths.append(os.path.abspath(p))
    with open(os.path.join(args.out, "files.txt"), "w") as f:
        f.write("\n".join(paths) + "\n")
    print(f"wrote {args.count} Dockerfiles ({total / 1e6:.1f} MB) to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
