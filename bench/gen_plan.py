#!/usr/bin/env python3
"""Generate a deterministic Terraform plan JSON (format 1.2) for `ironlaw plan` benchmarks.

    python3 bench/gen_plan.py OUT.json [--changes 100000] [--modules 50] [--seed 7]

Writes one compact line, as `terraform show -json` does, streamed (the generator never holds
the plan in memory). Resource changes mix every action (60 % no-op, 15 % update, 10 % create,
8 % delete, 5 % replace, 2 % moved) over AWS, GCP and Azure types that the rules look at
(databases, buckets, security groups with ingress lists, IAM policies with JSON documents,
certificates, DNS records) and plain compute; before/after carry realistic attribute sets
(tags, user_data, nested blocks), sensitive markings and unknown values, plus
`resource_drift`, `prior_state`-sized `planned_values`, `output_changes`, `variables` and a
`configuration` block. About 1.5 KB per change (with planned_values): 100,000 changes make a ~150 MB file,
140,000 a ~210 MB one.
"""
import argparse
import json
import random

TYPES = [
    ("aws_instance", 30),
    ("aws_db_instance", 5),
    ("aws_s3_bucket", 10),
    ("aws_security_group", 10),
    ("aws_iam_policy", 8),
    ("google_compute_firewall", 5),
    ("google_storage_bucket", 5),
    ("azurerm_network_security_rule", 5),
    ("aws_route53_record", 7),
    ("aws_acm_certificate", 3),
    ("aws_lambda_function", 12),
]


def attrs(rng, type_, i, variant):
    tags = {f"k{j}": f"v{j}-{variant}" for j in range(6)}
    base = {"tags": tags, "tags_all": tags, "id": f"id-{i}", "arn": f"arn:aws:x:::{type_}/{i}"}
    if type_ == "aws_instance" or type_ == "aws_lambda_function":
        base.update({"ami": f"ami-{i:08x}", "instance_type": rng.choice(["t3.small", "m5.large"]),
                     "user_data": "#!/bin/sh\n" + "echo hello\n" * 40,
                     "root_block_device": [{"volume_size": 20 + variant, "encrypted": True}]})
    elif type_ == "aws_db_instance":
        base.update({"engine": "postgres", "engine_version": f"15.{variant}", "password": "pw-secret",
                     "deletion_protection": variant == 0, "skip_final_snapshot": variant != 0})
    elif type_ in ("aws_s3_bucket", "google_storage_bucket"):
        base.update({"bucket": f"b-{i}", "force_destroy": variant != 0})
    elif type_ == "aws_security_group":
        cidr = "10.0.0.0/8" if variant == 0 else rng.choice(["10.0.0.0/8", "0.0.0.0/0", "10.1.0.0/16"])
        base["ingress"] = [{"from_port": p, "to_port": p, "protocol": "tcp", "cidr_blocks": [cidr],
                            "ipv6_cidr_blocks": [], "security_groups": [], "self": False, "description": ""}
                           for p in (443, 8443)]
    elif type_ == "aws_iam_policy":
        action = "s3:GetObject" if variant == 0 else rng.choice(["s3:GetObject", "s3:*"])
        base["policy"] = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": [action], "Resource": [f"arn:aws:s3:::b-{i}/*"]}]})
    elif type_ == "google_compute_firewall":
        base.update({"direction": "INGRESS", "source_ranges": ["10.0.0.0/8"],
                     "allow": [{"protocol": "tcp", "ports": ["443"]}]})
    elif type_ == "azurerm_network_security_rule":
        base.update({"direction": "Inbound", "access": "Allow", "protocol": "Tcp",
                     "source_address_prefix": "10.0.0.0/8", "destination_port_range": "443"})
    elif type_ == "aws_route53_record":
        base.update({"name": f"r{i}.svc.example.com", "type": "A", "zone_id": "Z1",
                     "records": [f"10.0.{i % 250}.{variant + 1}"]})
    elif type_ == "aws_acm_certificate":
        base.update({"domain_name": f"c{i}.example.com"})
    return base


def change(rng, i, modules):
    r = rng.random()
    type_ = rng.choices([t for t, _ in TYPES], weights=[w for _, w in TYPES])[0]
    module = f"module.m{i % modules}"
    address = f"{module}.{type_}.r[{i}]"
    before = attrs(rng, type_, i, 0)
    out = {"address": address, "module_address": module, "mode": "managed", "type": type_,
           "name": "r", "index": i, "provider_name": f"registry.terraform.io/hashicorp/{type_.split('_')[0]}"}
    sens = {"password": True} if "password" in before else {}
    if r < 0.60:
        actions, after = ["no-op"], before
    elif r < 0.75:
        actions, after = ["update"], attrs(rng, type_, i, 1)
    elif r < 0.85:
        actions, before, after = ["create"], None, attrs(rng, type_, i, 1)
    elif r < 0.93:
        actions, after = ["delete"], None
        out["action_reason"] = "delete_because_no_resource_config"
    elif r < 0.98:
        actions, after = rng.choice([["delete", "create"], ["create", "delete"]]), attrs(rng, type_, i, 2)
        out["change_replace"] = True
    else:
        actions, after = ["no-op"], before
        out["previous_address"] = f"{type_}.old[{i}]"
    ch = {"actions": actions, "before": before, "after": after,
          "after_unknown": {"id": True} if before is None else {},
          "before_sensitive": sens if before is not None else False,
          "after_sensitive": sens if after is not None else False}
    if out.pop("change_replace", False):
        ch["replace_paths"] = [["tags"]]
        out["action_reason"] = "replace_because_cannot_update"
    out["change"] = ch
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--changes", type=int, default=100_000)
    ap.add_argument("--modules", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(a.out, "w") as f:
        f.write('{"format_version":"1.2","terraform_version":"1.11.4",')
        f.write('"variables":{"environment":{"value":"staging"},"db_password":{"value":"pw-secret"}},')
        # planned_values: one entry per resource, like Terraform writes it
        f.write('"planned_values":{"root_module":{"resources":[')
        for i in range(a.changes):
            if i:
                f.write(",")
            f.write(json.dumps({"address": f"aws_instance.r[{i}]", "mode": "managed", "type": "aws_instance",
                                "name": "r", "values": {"ami": f"ami-{i:08x}", "tags": {"k": "v"}}},
                               separators=(",", ":")))
        f.write("]}},")
        f.write('"resource_drift":[')
        for i in range(min(100, a.changes)):
            if i:
                f.write(",")
            d = change(random.Random(i), i, a.modules)
            d["change"]["actions"] = ["update"]
            d["change"]["after"] = attrs(rng, d["type"], i, 3)
            if d["change"]["before"] is None:
                d["change"]["before"] = attrs(rng, d["type"], i, 0)
            f.write(json.dumps(d, separators=(",", ":")))
        f.write('],"resource_changes":[')
        for i in range(a.changes):
            if i:
                f.write(",")
            f.write(json.dumps(change(rng, i, a.modules), separators=(",", ":")))
        f.write('],"output_changes":{"db_url":{"actions":["update"],"before":"x","after":"y",'
                '"after_unknown":false,"before_sensitive":true,"after_sensitive":true}},')
        f.write('"configuration":{"root_module":{"variables":{"db_password":{"sensitive":true},"environment":{}}}},')
        f.write('"timestamp":"2026-01-01T00:00:00Z","applyable":true,"complete":true,"errored":false}\n')


if __name__ == "__main__":
    main()
