#!/usr/bin/env python3
"""Generate a deterministic corpus of Kubernetes manifests for benchmarks.

    python3 bench/gen_k8s.py OUT_DIR [--files 5000] [--objects 10] [--seed 7]

Each file holds OBJECTS multi-document objects (Deployments, StatefulSets, DaemonSets,
CronJobs, Services) across 20 namespaces, with a random mix of security contexts, resources,
probes and image references, so every rule family has work to do.
"""
import argparse
import os
import random

IMAGES = [
    "nginx:1.25.4",
    "redis",
    "postgres:16",
    "example/api:2.3.1",
    "busybox:latest",
    "ghcr.io/org/worker@sha256:" + "a" * 64,
]


def container(rng):
    sc = (
        "\n          securityContext:\n            allowPrivilegeEscalation: false"
        "\n            readOnlyRootFilesystem: true\n            runAsNonRoot: true"
        "\n            capabilities: {drop: [ALL]}"
        if rng.random() < 0.5
        else ""
    )
    res = (
        "\n          resources:\n            requests: {cpu: 100m, memory: 128Mi}"
        "\n            limits: {memory: 256Mi}"
        if rng.random() < 0.6
        else ""
    )
    probes = (
        "\n          livenessProbe: {httpGet: {path: /healthz, port: 8080}}"
        "\n          readinessProbe: {httpGet: {path: /ready, port: 8080}}"
        if rng.random() < 0.5
        else ""
    )
    return (
        "      containers:\n        - name: main\n"
        f"          image: {rng.choice(IMAGES)}\n"
        f"          ports:\n            - containerPort: 8080{sc}{res}{probes}\n"
    )


def obj(rng, f, o):
    name = f"app{f}-{o}"
    ns = f"ns{f % 20}"
    kind = rng.choice(["Deployment", "StatefulSet", "DaemonSet", "Service", "CronJob"])
    if kind == "Service":
        return (
            f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {ns}\n"
            f"spec:\n  selector:\n    app: {name}\n  ports:\n    - port: 80\n      targetPort: 8080\n"
        )
    pod = container(rng)
    if kind == "CronJob":
        indented = "\n".join("    " + l if l else l for l in pod.splitlines())
        return (
            f"apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}\n  namespace: {ns}\n"
            "spec:\n  schedule: '*/5 * * * *'\n  jobTemplate:\n    spec:\n      template:\n"
            f"        spec:\n          restartPolicy: OnFailure\n{indented}\n"
        )
    return (
        f"apiVersion: apps/v1\nkind: {kind}\nmetadata:\n  name: {name}\n  namespace: {ns}\n"
        f"spec:\n  replicas: {rng.choice([1, 2, 3])}\n  selector:\n    matchLabels: {{app: {name}}}\n"
        f"  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n{pod}"
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--objects", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for f in range(a.files):
        docs = [obj(rng, f, o) for o in range(a.objects)]
        with open(os.path.join(a.out, f"m{f}.yaml"), "w") as fh:
            fh.write("---\n".join(docs))
    print(f"wrote {a.files} files, {a.files * a.objects} objects to {a.out}")


if __name__ == "__main__":
    main()
