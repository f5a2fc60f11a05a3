//! `cargo bench`: time parse + check over an in-memory corpus of generated Dockerfiles.
//!
//! Dependency-free (`harness = false`, `std::time`). Numbers are printed next to a baseline
//! measured in the same run — building a `LineIndex` over the same texts — so they can be
//! compared across machines as ratios.
//!
//! `cargo bench --bench check -- [FILES] [ROUNDS]` (defaults 2000 and 5; the median round is
//! reported).

use std::hint::black_box;
use std::time::{Duration, Instant};

use ironlaw::discover::ArtifactKind;
use ironlaw::engine::{RuleSelection, check_text};
use ironlaw::source::LineIndex;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const BASES: &[&str] = &[
    "ubuntu:22.04",
    "ubuntu",
    "debian:12-slim",
    "alpine:3.19",
    "alpine:latest",
    "node:20-alpine",
    "python:3.12-slim",
    "golang:1.22",
    "nginx:1.25-alpine",
    "ghcr.io/acme/base:v1.4.2",
    "registry.example.com:5000/team/runtime",
    "gcr.io/distroless/static-debian12@sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b",
];

const STEPS: &[&str] = &[
    "RUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n        curl ca-certificates git \\\n    && rm -rf /var/lib/apt/lists/*",
    "RUN apt-get update && apt-get install -y curl jq",
    "RUN apk add --no-cache curl bash tini",
    "RUN apk update && apk add git",
    "RUN pip install --no-cache-dir flask==3.0.0 gunicorn",
    "RUN pip install requests",
    "COPY package.json package-lock.json ./\nRUN npm ci --omit=dev",
    "RUN npm install -g pm2",
    "RUN <<EOF\nset -eux\nmkdir -p /opt/app\ncurl -fsSL https://example.com/x.sh | sh\nEOF",
    "RUN bash <<'SCRIPT'\necho hi\nuseradd -r app\nSCRIPT",
    "COPY <<-CONF /etc/app.conf\n\tport = 8080\nCONF",
    "WORKDIR /app",
    "COPY . .",
    "COPY --chown=app:app . /app",
    "ADD https://example.com/tool.tar.gz /tmp/",
    "ENV APP_ENV=production \\\n    PORT=8080 \\\n    LANG=C.UTF-8",
    "ARG VERSION=1.0.0",
    "LABEL org.opencontainers.image.source=\"https://github.com/acme/app\"",
    "RUN cd /app && make build",
    "RUN curl -sSL https://get.example.com | bash",
    "RUN sudo chmod -R 777 /app",
    "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
    "# hadolint ignore=DL3008\nRUN apt-get install -y vim",
    "RUN echo hi # ironlaw:ignore[DF001] demo",
];

const TAILS: &[&str] = &[
    "USER app",
    "USER root",
    "EXPOSE 8080",
    "HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1",
    "ENTRYPOINT [\"/usr/bin/tini\", \"--\"]",
    "CMD [\"/app/server\", \"--port\", \"8080\"]",
    "CMD /app/server --port 8080",
];

const BROKEN: &[&str] = &[
    "CMD [\"unterminated",
    "RUN <<EOF\necho never closed",
    "FROOM bogus",
    "RUN echo dangling \\",
];

fn dockerfile(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(15) {
        s.push_str("# syntax=docker/dockerfile:1\n");
    }
    let stages = if rng.chance(55) { 1 } else { 2 + rng.below(3) };
    for i in 0..stages {
        s.push_str(&format!("FROM {}", rng.pick(BASES)));
        if stages > 1 {
            s.push_str(&format!(" AS stage{i}"));
        }
        s.push('\n');
        for _ in 0..1 + rng.below(8) {
            s.push_str(rng.pick(STEPS));
            s.push('\n');
        }
        if i > 0 && rng.chance(60) {
            s.push_str(&format!("COPY --from=stage{} /app/dist /app/dist\n", i - 1));
        }
    }
    for _ in 0..rng.below(4) {
        s.push_str(rng.pick(TAILS));
        s.push('\n');
    }
    if rng.chance(4) {
        s.push_str(rng.pick(BROKEN));
        s.push('\n');
    }
    s
}

/// Median of `rounds` runs of `f`.
fn time<F: FnMut() -> usize>(rounds: usize, mut f: F) -> (Duration, usize) {
    let mut times = Vec::with_capacity(rounds);
    let mut out = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        out = black_box(f());
        times.push(t.elapsed());
    }
    times.sort();
    let mid = times.get(times.len() / 2).copied().unwrap_or_default();
    (mid, out)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing useful either
    let nums: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let files = nums.first().copied().unwrap_or(2000);
    let rounds = nums.get(1).copied().unwrap_or(5).max(1);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let corpus: Vec<String> = (0..files).map(|_| dockerfile(&mut rng)).collect();
    let bytes: usize = corpus.iter().map(String::len).sum();
    let selection = RuleSelection::default();

    let (base, lines) = time(rounds, || {
        corpus
            .iter()
            .map(|t| LineIndex::new(black_box(t)).line_count())
            .sum()
    });
    let (parse, errors) = time(rounds, || {
        corpus
            .iter()
            .map(|t| ironlaw::parse::dockerfile::parse(black_box(t)).errors.len())
            .sum()
    });
    let (check, findings) = time(rounds, || {
        corpus
            .iter()
            .map(|t| {
                check_text(
                    "Dockerfile",
                    black_box(t),
                    ArtifactKind::Dockerfile,
                    &selection,
                )
                .findings
                .len()
            })
            .sum()
    });

    let secs = |d: Duration| d.as_secs_f64().max(1e-9);
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {files} files, {:.2} MB, {lines} lines; {rounds} rounds, median shown; single thread",
        mb
    );
    let row = |name: &str, d: Duration| {
        println!(
            "{name:<28} {:>9.2} ms {:>10.0} files/s {:>8.1} MB/s {:>8.1}x baseline",
            secs(d) * 1e3,
            files as f64 / secs(d),
            mb / secs(d),
            secs(d) / secs(base)
        );
    };
    row("baseline (LineIndex::new)", base);
    row("parse only", parse);
    row("parse + rules + suppress", check);
    println!("({errors} parse errors, {findings} findings)");
}
