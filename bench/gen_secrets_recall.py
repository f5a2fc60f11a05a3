#!/usr/bin/env python3
"""Recall / false-positive benchmark for ironlaw's secret detectors vs detect-secrets.

Generates a labelled corpus of ordinary code and config files with N planted fake secrets
(every format the SEC detectors cover, several contexts each) and M decoys (placeholders,
documented example keys, test-mode keys, hashes, digests, UUIDs, public keys, references to
secret stores), then runs both tools and scores them by (file, line):

  recall          planted secrets with a finding on one of their lines / N
  decoys flagged  decoy lines with a finding / M
  other FPs       findings on ordinary filler lines

    python3 bench/gen_secrets_recall.py                  # corpus in /tmp/secrets_corpus
    python3 bench/gen_secrets_recall.py --out DIR --per-format 5 --seed 7
    DS=/tmp/ds/bin/detect-secrets python3 bench/gen_secrets_recall.py

ironlaw runs as `cargo run --release --example secrets_scan -- DIR` (override with IRONLAW_SCAN,
a command prefix); detect-secrets as `detect-secrets scan --all-files` in the corpus (override
with DS). All secrets are fake (bench/secrets_fakes.py).
"""

import argparse
import base64
import collections
import json
import os
import random
import shlex
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from secrets_fakes import ALNUM, HEX, Fakes  # noqa: E402

FILLER = {
    "py": [
        "import os",
        "import logging",
        "log = logging.getLogger(__name__)",
        "def handler(event, context):",
        "    items = [i for i in event.get('items', []) if i]",
        "    return {'statusCode': 200, 'body': json.dumps(items)}",
        "TIMEOUT_SECONDS = 30",
        "class OrderService:",
        "    def __init__(self, repo):",
        "        self.repo = repo",
    ],
    "yaml": [
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: checkout",
        "  labels: {app: checkout, tier: web}",
        "spec:",
        "  replicas: 3",
        "  template:",
        "    spec:",
        "      containers:",
        "        - name: app",
        "          image: registry.acme.io/checkout:1.14.2",
    ],
    "env": [
        "NODE_ENV=production",
        "PORT=8080",
        "LOG_LEVEL=info",
        "FEATURE_FLAGS=checkout_v2,fast_search",
        "REGION=eu-west-1",
    ],
    "tf": [
        'resource "aws_s3_bucket" "logs" {',
        '  bucket = "acme-logs-prod"',
        "}",
        'module "vpc" {',
        '  source  = "terraform-aws-modules/vpc/aws"',
        '  version = "5.8.1"',
        "}",
    ],
    "js": [
        "const express = require('express');",
        "const app = express();",
        "app.get('/health', (req, res) => res.send('ok'));",
        "module.exports = { app };",
        "export const retries = 3;",
    ],
    "json": ['  "name": "checkout",', '  "version": "1.14.2",', '  "private": true,'],
    "sh": ["set -euo pipefail", 'echo "deploying $SERVICE"', "make build", "kubectl rollout status deploy/checkout"],
}


def planted(f):
    """(format, ext, lines) generators; the secret sits on every line of `lines` that is not
    pure context, and the whole block is the label range."""
    P = []

    def add(fmt, ext, lines):
        P.append((fmt, ext, lines))

    add("aws-key-id", "env", ["AWS_ACCESS_KEY_ID=" + f.aws_key_id()])
    add("aws-key-id", "tf", ['  access_key = "%s"' % f.aws_key_id()])
    add("aws-secret", "env", ["AWS_SECRET_ACCESS_KEY=" + f.aws_secret()])
    add("aws-secret", "py", ['    aws_secret_access_key="%s",' % f.aws_secret()])
    add("aws-session", "json", ['  "SessionToken": "%s",' % f.aws_session()])
    add("pem-rsa", "yaml", ["key: |"] + ["  " + l for l in f.pem("RSA PRIVATE KEY", 300).splitlines()])
    add("pem-openssh", "sh", ["cat > ~/.ssh/id_ed25519 <<'EOF'"] + f.openssh().splitlines() + ["EOF"])
    add("pem-pkcs8", "py", ['KEY = """' + f.pem("PRIVATE KEY", 200).splitlines()[0]] + f.pem("PRIVATE KEY", 200).splitlines()[1:] + ['"""'])
    add("gcp-sa", "json", f.gcp_sa().splitlines())
    add("gcp-api-key", "js", ['  apiKey: "%s",' % f.gcp_api()])
    add("gcp-oauth", "env", ["GOOGLE_CLIENT_SECRET=" + f.gcp_oauth()])
    add("azure-storage", "json", ['  "Blob": "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=%s;EndpointSuffix=core.windows.net",' % f.azure_key()])
    add("azure-sas", "py", ['URL = "https://acme.blob.core.windows.net/c/f?sv=2022-11-02&sp=r&se=2027-01-01&sig=%s"' % f.azure_sig()])
    add("azure-ad", "tf", ['  client_secret = "%s"' % f.azure_ad()])
    add("digitalocean", "env", ["DIGITALOCEAN_TOKEN=" + f.digitalocean()])
    add("alibaba-id", "yaml", ["  access_key_id: " + f.ltai()])
    add("github-pat", "sh", ['curl -H "Authorization: token %s" https://api.github.com/user' % f.github_pat()])
    add("github-pat", "yaml", ["  token: " + f.github_fine()])
    add("github-oauth", "json", ['  "access_token": "%s",' % f.gho()])
    add("github-app", "sh", ["git clone https://x-access-token:%s@github.com/acme/infra.git" % f.ghs()])
    add("gitlab-pat", "yaml", ['    - curl --header "PRIVATE-TOKEN: %s" https://gitlab.com/api/v4/projects' % f.glpat()])
    add("gitlab-runner", "tf", ['  token = "%s"' % f.glrt()])
    add("gitlab-deploy", "sh", ["docker login registry.gitlab.com -u deploy -p " + f.gldt()])
    add("bitbucket", "env", ["BITBUCKET_APP_PASSWORD=" + f.atbb()])
    add("npm", "yaml", ["      NODE_AUTH_TOKEN: " + f.npm()])
    add("npmrc", "npmrc", ["//npm.acme.io/:_authToken=" + f.s(HEX, 8) + "-" + f.s(HEX, 4) + "-" + f.s(HEX, 4) + "-" + f.s(HEX, 4) + "-" + f.s(HEX, 12)])
    add("pypi", "yaml", ["    TWINE_PASSWORD: " + f.pypi()])
    add("rubygems", "yaml", [":rubygems_api_key: " + f.rubygems()])
    add("docker-auth", "json", ['      "auth": "%s"' % f.docker_auth()])
    add("dockerhub", "sh", ['echo "%s" | docker login -u acme --password-stdin' % f.dckr()])
    add("slack-bot", "py", ['client = WebClient(token="%s")' % f.xoxb()])
    add("slack-user", "env", ["SLACK_USER_TOKEN=" + f.xoxp()])
    add("slack-webhook", "yaml", ["      - api_url: " + f.slack_hook()])
    add("stripe-live", "py", ['stripe.api_key = "%s"' % f.sk_live()])
    add("twilio", "env", ["TWILIO_API_KEY=" + f.twilio_sk()])
    add("sendgrid", "js", ['sgMail.setApiKey("%s");' % f.sendgrid()])
    add("mailgun", "env", ["MAILGUN_API_KEY=" + f.mailgun()])
    add("datadog", "env", ["DD_API_KEY=" + f.hex(32)])
    add("newrelic", "yaml", ["  license_key: " + f.nral()])
    add("pagerduty", "tf", ['  pagerduty_token = "%s"' % f.pagerduty()])
    add("sentry-dsn", "py", ['sentry_sdk.init(dsn="%s")' % f.sentry_dsn()])
    add("shopify", "env", ["SHOPIFY_ACCESS_TOKEN=" + f.shpat()])
    add("openai", "py", ['client = OpenAI(api_key="%s")' % f.openai()])
    add("anthropic", "js", ['const c = new Anthropic({ apiKey: "%s" });' % f.anthropic()])
    add("vault", "sh", ["export VAULT_TOKEN=" + f.hvs()])
    add("terraform-cloud", "tf", ['  token = "%s"' % f.tfc()])
    add("age", "env", ["SOPS_AGE_KEY=" + f.age()])
    add("postgres-url", "yaml", ["      DATABASE_URL: postgres://orders:%s@db.internal:5432/orders" % f.password()])
    add("mysql-url", "env", ["DATABASE_URL=mysql://shop:%s@mysql.internal:3306/shop" % f.password()])
    add("mongodb-url", "js", ['mongoose.connect("mongodb+srv://svc:%s@cluster0.ab1cd.mongodb.net/db");' % f.password()])
    add("redis-url", "yaml", ["  url: rediss://:%s@redis.internal:6380/0" % f.password()])
    add("amqp-url", "env", ["AMQP_URL=amqps://orders:%s@mq.internal:5671/prod" % f.password()])
    add("jwt", "sh", ['curl -H "Authorization: Bearer %s" https://api.acme.io/v1/orders' % f.jwt()])
    add("kubeconfig-key", "yaml", ["      client-key-data: " + f.client_key_data()])
    add("generic-password", "py", ['DB_PASSWORD = "%s"' % f.generic(20)])
    add("generic-password", "yaml", ["  password: " + f.generic(16)])
    add("generic-secret", "tf", ['  client_secret = "%s"' % f.generic(32)])
    add("generic-token", "env", ["API_TOKEN=" + f.generic(40)])
    add("generic-apikey", "js", ["const apiKey = '%s';" % f.generic(32)])
    # realistic shapes the detectors are not tuned for (expected misses are reported)
    add("generic-symbols", "env", ["ADMIN_PASSWORD='%s$%s#%s'" % (f.s(ALNUM, 5), f.s(ALNUM, 4), f.s(ALNUM, 3))])
    add("generic-passphrase", "yaml", ["  vault_password: %s-%s-%s-%s" % tuple(f.r.choice(["copper", "lantern", "orbit", "meadow", "quartz", "harbor", "velvet", "summit"]) for _ in range(4))])
    add("generic-uuid-key", "env", ["HEROKU_API_KEY=%s-%s-%s-%s-%s" % (f.hex(8), f.hex(4), f.hex(4), f.hex(4), f.hex(12))])
    add("pem-in-json", "json", ['  "privateKey": "%s",' % f.pem("EC PRIVATE KEY", 120).replace("\n", "\\n")])
    add("k8s-secret-data", "yaml", ["  DB_PASSWORD: " + base64.b64encode(f.password().encode()).decode()])
    return P


def decoys(f):
    """(kind, ext, line): things that look like secrets but are not."""
    r = f.r
    D = []

    def add(kind, ext, line):
        D.append((kind, ext, line))

    add("aws-doc-example", "env", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE")
    add("aws-doc-example", "env", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    add("stripe-test", "py", 'stripe.api_key = "sk_test_%s"' % f.s(ALNUM, 24))
    add("stripe-publishable", "js", "const stripe = Stripe('pk_live_%s');" % f.s(ALNUM, 24))
    add("env-ref", "yaml", "  password: ${DB_PASSWORD}")
    add("env-ref", "env", "API_KEY=$API_KEY")
    add("gha-ref", "yaml", "      token: ${{ secrets.GITHUB_TOKEN }}")
    add("helm-ref", "yaml", "  token: '{{ .Values.token }}'")
    add("angle", "yaml", "  api_key: <your-api-key>")
    add("placeholder", "py", 'PASSWORD = "changeme"')
    add("placeholder", "env", "SECRET_KEY=xxxxxxxxxxxxxxxxxxxxxxxx")
    add("placeholder", "yaml", "  client_secret: REDACTED")
    add("placeholder", "py", 'token = "dummy-token-for-tests"')
    add("tf-ref", "tf", "  password = var.db_password")
    add("code-ref", "py", 'password = os.environ["DB_PASSWORD"]')
    add("code-ref", "js", "const apiKey = process.env.API_KEY;")
    add("git-sha", "yaml", "  commit: " + f.hex(40))
    add("image-digest", "yaml", "          image: registry.acme.io/app@sha256:" + f.hex(64))
    add("integrity", "json", '  "integrity": "sha512-%s==",' % f.s(ALNUM + "+/", 86))
    add("uuid", "json", '  "requestId": "%s-%s-%s-%s-%s",' % (f.hex(8), f.hex(4), f.hex(4), f.hex(4), f.hex(12)))
    add("checksum", "sh", "echo '%s  terraform.zip' | sha256sum -c" % f.hex(64))
    add("public-key", "yaml", "  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI%s deploy@ci" % f.s(ALNUM + "+/", 43))
    add("cert", "yaml", "  ca.crt: " + base64.b64encode(b"-----BEGIN CERTIFICATE-----\n" + bytes(r.getrandbits(8) for _ in range(60))).decode())
    add("data-uri", "js", "const icon = 'data:image/png;base64,%s';" % f.b64bytes(90))
    add("pub-dsn", "py", 'SENTRY_DSN = "https://%s@o123456.ingest.sentry.io/4504"' % f.hex(32))
    add("localhost-url", "env", "DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev")
    add("doc-url", "py", '# e.g. "postgresql://user:password@host:5432/db"')
    add("not-jwt", "txt", "eyJub3QiOiJhIHRva2VuIn0.eyJhbHNvIjoibm90In0.c2lnbmF0dXJlMTIz")
    add("short-token", "env", "CSRF_TOKEN_TTL=3600")
    add("id", "env", "GOOGLE_CLIENT_ID=%s-%s.apps.googleusercontent.com" % (f.s("0123456789", 12), f.s("abcdefghijklmnopqrstuvwxyz0123456789", 32)))
    add("azurite", "env", "AZURE_STORAGE=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==")
    add("slack-doc", "yaml", "      - api_url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX")
    add("hash-var", "py", 'CACHE_KEY_PREFIX = "v2-%s"' % f.hex(16))
    add("password-word", "yaml", "  password_policy: strong")
    add("secret-name", "yaml", "  secretName: checkout-tls-%s" % f.s("abcdefghijklmnopqrstuvwxyz", 5))
    add("base64-config", "yaml", "  config.json: " + base64.b64encode(json.dumps({"retries": 3, "region": "eu-west-1", "debug": False}).encode()).decode())
    add("random-id", "js", "const traceId = '%s';" % f.hex(32))
    add("token-type", "json", '  "token_type": "Bearer",')
    add("bcrypt", "yaml", "  password_hash: '$2b$12$%s'" % f.s(ALNUM + "./", 53))
    add("ansible-lookup", "yaml", "  api_key: \"{{ lookup('env', 'API_KEY') }}\"")
    add("jasypt", "yaml", "  password: ENC(%s)" % f.b64bytes(32))
    add("k8s-secret-placeholder", "yaml", "  password: " + base64.b64encode(b"changeme").decode())
    add("sealed-secret", "yaml", "    password: AgB" + f.s(ALNUM + "+/", 340) + "==")
    add("public-key-b64", "yaml", "  public_key: " + f.b64bytes(64))
    add("test-fixture-word", "py", 'password = "correct horse battery staple"')
    return D


def build(out, per_format, decoy_rounds, seed):
    f = Fakes(seed)
    rng = random.Random(seed)
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    items = []
    for _ in range(per_format):
        for fmt, ext, lines in planted(f):
            items.append(("planted", fmt, ext, lines))
    for _ in range(decoy_rounds):
        for kind, ext, line in decoys(f):
            items.append(("decoy", kind, ext, [line]))
    rng.shuffle(items)
    by_ext = collections.defaultdict(list)
    for it in items:
        by_ext[it[2]].append(it)
    labels = []
    n = 0
    for ext, its in sorted(by_ext.items()):
        # 1-4 items per file, filler between them
        i = 0
        while i < len(its):
            k = rng.randint(1, 4)
            chunk = its[i : i + k]
            i += k
            n += 1
            name = {"npmrc": "%04d.npmrc", "txt": "%04d.txt"}.get(ext, "%04d." + ext) % n
            sub = "svc-%02d" % (n % 17)
            rel = "%s/%s" % (sub, name)
            os.makedirs(os.path.join(out, sub), exist_ok=True)
            filler = FILLER.get(ext, FILLER["env"])
            text = []
            for kind, label, _, lines in chunk:
                for _ in range(rng.randint(1, 4)):
                    text.append(rng.choice(filler))
                start = len(text) + 1
                text.extend(lines)
                labels.append({"path": rel, "start": start, "end": len(text), "kind": kind, "label": label})
            for _ in range(rng.randint(0, 3)):
                text.append(rng.choice(filler))
            with open(os.path.join(out, rel), "w") as fh:
                fh.write("\n".join(text) + "\n")
    with open(os.path.join(out, "..", os.path.basename(out) + ".labels.json"), "w") as fh:
        json.dump(labels, fh, indent=1)
    return labels, n


def run_ironlaw(out):
    cmd = os.environ.get("IRONLAW_SCAN", "cargo run -q --release --example secrets_scan --")
    proc = subprocess.run(shlex.split(cmd) + [out], capture_output=True, text=True, check=True)
    sys.stderr.write("ironlaw: " + proc.stderr.strip().splitlines()[-1] + "\n")
    hits = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    return [(h["path"], h["line"], h["id"], h["severity"]) for h in hits]


def run_detect_secrets(out):
    ds = os.environ.get("DS", "detect-secrets")
    proc = subprocess.run([ds, "scan", "--all-files", "."], cwd=out, capture_output=True, text=True, check=True)
    res = json.loads(proc.stdout)["results"]
    return [(path.replace("\\", "/"), s["line_number"], s["type"], "-") for path, ss in res.items() for s in ss]


def score(name, hits, labels):
    by_path = collections.defaultdict(list)
    for l in labels:
        by_path[l["path"]].append(l)
    found = set()
    decoy_hit = set()
    other = set()
    for path, line, rule, _ in hits:
        lab = next((l for l in by_path.get(path, []) if l["start"] <= line <= l["end"]), None)
        if lab is None:
            other.add((path, line))
        elif lab["kind"] == "planted":
            found.add((lab["path"], lab["start"]))
        else:
            decoy_hit.add((lab["path"], lab["start"], lab["label"]))
    planted_labels = [l for l in labels if l["kind"] == "planted"]
    decoy_labels = [l for l in labels if l["kind"] == "decoy"]
    missed = collections.Counter(l["label"] for l in planted_labels if (l["path"], l["start"]) not in found)
    fp_kinds = collections.Counter(k for _, _, k in decoy_hit)
    return {
        "tool": name,
        "planted": len(planted_labels),
        "found": len(found),
        "recall": len(found) / max(1, len(planted_labels)),
        "decoys": len(decoy_labels),
        "decoys_flagged": len(decoy_hit),
        "other_fp_lines": len(other),
        "missed_by_format": dict(sorted(missed.items())),
        "flagged_decoys_by_kind": dict(sorted(fp_kinds.items())),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/secrets_corpus")
    ap.add_argument("--per-format", type=int, default=4)
    ap.add_argument("--decoy-rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-run", action="store_true")
    a = ap.parse_args()
    labels, nfiles = build(a.out, a.per_format, a.decoy_rounds, a.seed)
    planted_n = sum(1 for l in labels if l["kind"] == "planted")
    print("corpus: %s, %d files, %d planted, %d decoys" % (a.out, nfiles, planted_n, len(labels) - planted_n))
    if a.no_run:
        return
    results = []
    il = run_ironlaw(a.out)
    results.append(score("ironlaw (all severities)", il, labels))
    results.append(score("ironlaw (medium and above)", [h for h in il if h[3] in ("medium", "high", "critical")], labels))
    try:
        results.append(score("detect-secrets", run_detect_secrets(a.out), labels))
    except (OSError, subprocess.CalledProcessError) as e:
        print("detect-secrets not run: %s" % e)
    print("| tool | planted found | recall | decoys flagged | other FP lines |")
    print("|---|---|---|---|---|")
    for r in results:
        print("| %s | %d / %d | %.1f%% | %d / %d | %d |" % (r["tool"], r["found"], r["planted"], 100 * r["recall"], r["decoys_flagged"], r["decoys"], r["other_fp_lines"]))
    for r in results:
        print("\n%s\n  missed: %s\n  flagged decoys: %s" % (r["tool"], r["missed_by_format"], r["flagged_decoys_by_kind"]))


if __name__ == "__main__":
    main()
