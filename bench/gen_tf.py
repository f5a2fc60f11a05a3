#!/usr/bin/env python3
"""Generate a deterministic tree of Terraform files for benchmarks.

    python3 bench/gen_tf.py OUT_DIR [--modules 500] [--files 10] [--blocks 10] [--seed 7]

Lays out MODULES directories (a third of them environments under `envs/`, the rest child
modules under `modules/`), each with FILES `.tf` files of BLOCKS blocks: resources (security
groups, databases, buckets), variables, outputs, module calls, providers and backends, with a
random mix of literal and unknown values so every Terraform rule has work to do. The defaults
give 5,000 files and about 50,000 blocks.
"""
import argparse
import os
import random


def resource(rng, i):
    kind = rng.choice(["sg", "db", "bucket", "rule"])
    if kind == "sg":
        cidr = rng.choice(['"0.0.0.0/0"', '"10.0.0.0/8"', "var.cidr"])
        port = rng.choice([22, 443, 5432, 3389, 8080])
        return (
            f'resource "aws_security_group" "sg{i}" {{\n  name = "sg{i}"\n'
            f"  ingress {{\n    from_port   = {port}\n    to_port     = {port}\n"
            f'    protocol    = "tcp"\n    cidr_blocks = [{cidr}]\n  }}\n}}\n'
        )
    if kind == "db":
        pw = rng.choice(['"Sup3rS3cret!"', "random_password.db.result", "var.db_password"])
        return (
            f'resource "aws_db_instance" "db{i}" {{\n  count    = var.enabled ? 1 : 0\n'
            f'  engine   = "postgres"\n  username = "app"\n  password = {pw}\n'
            f"  lifecycle {{\n    prevent_destroy = true\n  }}\n}}\n"
        )
    if kind == "bucket":
        return (
            f'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "acme-${{var.env}}-{i}"\n'
            f'  tags = {{\n    Name = "b{i}"\n  }}\n}}\n'
        )
    return (
        f'resource "aws_security_group_rule" "r{i}" {{\n  type = "ingress"\n'
        f'  from_port = 6379\n  to_port = 6379\n  protocol = "tcp"\n'
        f'  cidr_blocks = ["0.0.0.0/0"] # tfsec:ignore:aws-ec2-no-public-ingress-sgr\n}}\n'
    )


def block(rng, i):
    r = rng.random()
    if r < 0.55:
        return resource(rng, i)
    if r < 0.7:
        name = rng.choice(["db_password", "region", "api_token", "cidr", "env"])
        sens = "\n  sensitive = true" if rng.random() < 0.5 else ""
        default = '\n  default = "x"' if rng.random() < 0.3 else ""
        return f'variable "v{i}_{name}" {{\n  type = string{sens}{default}\n}}\n'
    if r < 0.85:
        value = rng.choice(["aws_db_instance.db.password", "aws_s3_bucket.b.arn", "var.cidr"])
        return f'output "o{i}" {{\n  value = {value}\n}}\n'
    if r < 0.95:
        src = rng.choice(
            [
                '"terraform-aws-modules/vpc/aws"',
                '"git::https://github.com/acme/m.git?ref=main"',
                '"../../modules/m1"',
            ]
        )
        return f'module "m{i}" {{\n  source = {src}\n}}\n'
    return f'locals {{\n  l{i} = "v{i}"\n}}\n'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--modules", type=int, default=500)
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--blocks", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    for m in range(a.modules):
        env = m % 3 == 0
        d = os.path.join(a.out, "envs" if env else "modules", f"m{m}")
        os.makedirs(d, exist_ok=True)
        for f in range(a.files):
            parts = []
            if f == 0 and env:
                lock = "\n    use_lockfile = true" if rng.random() < 0.5 else ""
                key = rng.choice(["app.tfstate", f"m{m}/app.tfstate"])
                parts.append(
                    f'terraform {{\n  required_version = ">= 1.6"\n  backend "s3" {{\n'
                    f'    bucket = "acme-tfstate"\n    key    = "{key}"{lock}\n  }}\n}}\n'
                    f'provider "aws" {{\n  region = "eu-west-1"\n}}\n'
                )
            for b in range(a.blocks - len(parts)):
                parts.append(block(rng, f * 100 + b))
            with open(os.path.join(d, f"f{f}.tf"), "w") as fh:
                fh.write("\n".join(parts))


if __name__ == "__main__":
    main()
