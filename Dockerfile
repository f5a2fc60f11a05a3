# syntax=docker/dockerfile:1.7
# ironlaw as a container: `docker run --rm -v "$PWD:/src:ro" ironlaw check /src`
# Multi-stage: build with the full toolchain, ship only the static binary on distroless.

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
# the tree-sitter grammar is C: the slim image needs a compiler
# ironlaw:ignore[DF025] build-stage toolchain only; the shipped image holds just the binary
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked \
    && cp target/release/ironlaw /usr/local/bin/ironlaw

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /usr/local/bin/ironlaw /usr/local/bin/ironlaw
# distroless "nonroot" is UID 65532; numeric so Kubernetes can verify runAsNonRoot
USER 65532:65532
WORKDIR /src
# a one-shot CLI, not a service: there is nothing to health-check
HEALTHCHECK NONE
ENTRYPOINT ["/usr/local/bin/ironlaw"]
CMD ["check", "."]
