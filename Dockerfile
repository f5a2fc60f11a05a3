# syntax=docker/dockerfile:1.7
# ironlaw as a container: `docker run --rm -v "$PWD:/src:ro" ironlaw check /src`
# Multi-stage: build with the full toolchain, ship only the static binary on distroless.

FROM rust:1.95-slim-bookworm@sha256:0c43a0a5ea7a3b4b2a9ae8e1d0e88aee4b6b0d1b1b5b8bd0e9ab4b0e2b0f4a11 AS build
WORKDIR /src
# the tree-sitter grammar is C: the slim image needs a compiler
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc=4:12.2.0-3 libc6-dev=2.36-9+deb12u10 \
    && rm -rf /var/lib/apt/lists/*
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked \
    && cp target/release/ironlaw /usr/local/bin/ironlaw

FROM gcr.io/distroless/cc-debian12:nonroot@sha256:6f05aba4de16e89f8d879bf2a1364de3e41aba04f1dcbba8c75494f6134b4b13
COPY --from=build /usr/local/bin/ironlaw /usr/local/bin/ironlaw
USER nonroot:nonroot
WORKDIR /src
# a one-shot CLI, not a service: there is nothing to health-check
HEALTHCHECK NONE
ENTRYPOINT ["/usr/local/bin/ironlaw"]
CMD ["check", "."]
