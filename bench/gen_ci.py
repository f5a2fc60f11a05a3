#!/usr/bin/env python3
"""Generate a deterministic corpus of GitHub Actions workflows and GitLab CI files.

    python3 bench/gen_ci.py /tmp/cibench --workflows 10000 --gitlab 500

Workflows mix test / image build / scan / deploy jobs, pinned and unpinned actions, `needs`
graphs with and without gates, untrusted `${{ github.event.* }}` in `run:` scripts,
`pull_request_target` triggers and `run: |` block scripts; GitLab files use anchors, `<<`
merges, hidden jobs with `extends`, and stages. The same arguments always give the same files.
"""

import argparse
import os
import random

SHA = "8e5e7e5ab8b370d6c329ec480221332ada57f0ab"

TRIGGERS = [
    "on:\n  push:\n    branches: [main]\n  pull_request:\n",
    "on: [push, pull_request]\n",
    "on:\n  pull_request_target:\n    types: [opened, synchronize]\n",
    "on:\n  workflow_dispatch:\n  push:\n    tags: ['v*']\n",
    "on:\n  issue_comment:\n    types: [created]\n",
]

UNTRUSTED = [
    "github.event.pull_request.title",
    "github.event.issue.title",
    "github.event.comment.body",
    "github.head_ref",
    "github.event.head_commit.message",
]


def uses(rng, action, version):
    """A `uses:` reference: pinned to a SHA about a third of the time."""
    if rng.random() < 0.35:
        return f"{action}@{SHA} # {version}"
    return f"{action}@{version}"


def checkout(rng, persist):
    s = f"      - uses: {uses(rng, 'actions/checkout', 'v4')}\n"
    if persist is False:
        s += "        with:\n          persist-credentials: false\n"
    return s


def test_job(rng):
    s = "  test:\n    runs-on: ubuntu-latest\n"
    if rng.random() < 0.5:
        s += "    timeout-minutes: 15\n"
    if rng.random() < 0.1:
        s += "    continue-on-error: true\n"
    s += "    steps:\n" + checkout(rng, rng.random() < 0.5 and False)
    s += f"      - uses: {uses(rng, 'actions/setup-node', 'v4')}\n        with:\n          node-version: 20\n"
    s += "      - run: npm ci\n" if rng.random() < 0.6 else "      - run: npm install\n"
    s += "      - run: npm test\n"
    if rng.random() < 0.3:
        expr = rng.choice(UNTRUSTED)
        s += f"      - name: Report\n        run: |\n          echo \"checking ${{{{ {expr} }}}}\"\n          ./scripts/report.sh\n"
    return s


def build_job(rng):
    s = "  image:\n    runs-on: ubuntu-latest\n    needs: test\n    timeout-minutes: 30\n"
    s += "    permissions:\n      contents: read\n      packages: write\n"
    s += "    steps:\n" + checkout(rng, False if rng.random() < 0.5 else None)
    s += f"      - uses: {uses(rng, 'docker/login-action', 'v3')}\n"
    s += "        with:\n          registry: ghcr.io\n          username: ${{ github.actor }}\n          password: ${{ secrets.GITHUB_TOKEN }}\n"
    s += f"      - uses: {uses(rng, 'docker/build-push-action', 'v6')}\n        with:\n          push: true\n          tags: ghcr.io/acme/app:${{{{ github.sha }}}}\n"
    return s


def scan_job(rng):
    s = "  scan:\n    runs-on: ubuntu-latest\n    needs: image\n    timeout-minutes: 20\n    steps:\n"
    s += f"      - uses: {uses(rng, 'aquasecurity/trivy-action', '0.28.0')}\n"
    s += "        with:\n          image-ref: ghcr.io/acme/app:${{ github.sha }}\n"
    s += "          exit-code: '1'\n" if rng.random() < 0.7 else "          exit-code: '0'\n"
    if rng.random() < 0.15:
        s += "        continue-on-error: true\n"
    return s


def deploy_job(rng, needs):
    env = rng.choice(["production", "staging", None])
    s = "  deploy:\n    runs-on: ubuntu-latest\n"
    if needs:
        s += f"    needs: [{', '.join(needs)}]\n"
    if env:
        s += f"    environment: {env}\n"
    if rng.random() < 0.5:
        s += "    concurrency: deploy-${{ github.ref }}\n"
    s += "    steps:\n" + checkout(rng, None)
    s += "      - run: |\n          kubectl set image deployment/app app=ghcr.io/acme/app:${{ github.sha }}\n"
    s += "          kubectl rollout status deployment/app --timeout=120s\n"
    if rng.random() < 0.1:
        s += "      - run: curl -fsSL https://example.com/install.sh | sh\n"
    return s


def workflow(rng, i):
    s = f"name: pipeline-{i}\n" + rng.choice(TRIGGERS)
    if rng.random() < 0.4:
        s += "permissions:\n  contents: read\n"
    elif rng.random() < 0.1:
        s += "permissions: write-all\n"
    if rng.random() < 0.2:
        s += "env:\n  LOG_LEVEL: info\n"
    s += "jobs:\n" + test_job(rng)
    shape = rng.random()
    if shape < 0.5:
        s += build_job(rng) + scan_job(rng)
        needs = rng.choice([["scan"], ["image"], ["test", "scan"], []])
        s += deploy_job(rng, needs)
    elif shape < 0.8:
        s += deploy_job(rng, rng.choice([["test"], []]))
    return s


def gitlab(rng, i):
    s = "stages: [lint, test, build, scan, deploy]\n\n"
    s += ".defaults: &defaults\n  image: node:20-alpine\n  retry: 1\n\n"
    s += ".deploy-base:\n  stage: deploy\n  image: bitnami/kubectl:1.30\n  script:\n    - kubectl apply -f k8s/\n\n"
    s += "lint:\n  <<: *defaults\n  stage: lint\n  script:\n    - npm ci\n    - npm run lint\n"
    if rng.random() < 0.2:
        s += "  allow_failure: true\n"
    s += "\ntest:\n  <<: *defaults\n  stage: test\n  script:\n    - npm ci\n    - npm test\n"
    s += "\nbuild:\n  stage: build\n  image: docker:27\n  services: [docker:27-dind]\n  script:\n"
    s += "    - docker build -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA .\n    - docker push $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA\n"
    if rng.random() < 0.6:
        s += "\nscan:\n  stage: scan\n  image: aquasec/trivy:0.56.2\n  script:\n"
        s += "    - trivy image --exit-code 1 $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA\n"
        if rng.random() < 0.3:
            s += "  allow_failure: true\n"
    s += f"\ndeploy-{i}:\n  extends: .deploy-base\n  environment:\n    name: production\n"
    if rng.random() < 0.5:
        s += "  when: manual\n"
    if rng.random() < 0.2:
        s += "  script:\n    - echo \"deploying $CI_COMMIT_MESSAGE\"\n    - kubectl apply -f k8s/\n"
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--workflows", type=int, default=10000)
    ap.add_argument("--gitlab", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    wf_dir = os.path.join(args.out, ".github", "workflows")
    os.makedirs(wf_dir, exist_ok=True)
    total = 0
    for i in range(args.workflows):
        text = workflow(rng, i)
        with open(os.path.join(wf_dir, f"w{i}.yml"), "w") as f:
            f.write(text)
        total += len(text)
    for i in range(args.gitlab):
        d = os.path.join(args.out, "gitlab", f"p{i}")
        os.makedirs(d, exist_ok=True)
        text = gitlab(rng, i)
        with open(os.path.join(d, ".gitlab-ci.yml"), "w") as f:
            f.write(text)
        total += len(text)
    print(f"{args.workflows} workflows, {args.gitlab} GitLab files, {total / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
