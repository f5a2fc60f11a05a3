//! TF092 `cloud-sql-open-to-world`: a `google_sql_database_instance` with a public IP
//! (`settings.ip_configuration.ipv4_enabled` not `false`; the default is `true`) lists
//! `0.0.0.0/0` among its `authorized_networks`.
//!
//! Networks from a variable, a `dynamic "authorized_networks"` block, or an `ipv4_enabled`
//! from a variable are unknown and not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{managed_of, root};

pub struct CloudSqlOpenToWorld;

pub static META: RuleMeta = RuleMeta {
    id: "TF092",
    name: "cloud-sql-open-to-world",
    family: Family::Terraform,
    title: "Cloud SQL instance authorizes 0.0.0.0/0 on its public IP",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "An authorized network of 0.0.0.0/0 lets any address on the internet open a \
connection to the database's public IP: the password is then the only thing between the data \
and every credential-stuffing bot.",
    remediation: "Turn off the public IP and connect through private IP or the Cloud SQL Auth \
Proxy, or authorize only known ranges: `ip_configuration { ipv4_enabled = false, \
private_network = google_compute_network.vpc.id }`.",
    equivalents: &[
        "checkov:CKV_GCP_11",
        "tfsec:google-sql-no-public-access",
        "trivy:GCP-0017",
    ],
    references: &["https://cloud.google.com/sql/docs/mysql/authorize-networks"],
};

const WORLD: &[&str] = &["0.0.0.0/0", "::/0"];

impl TerraformRule for CloudSqlOpenToWorld {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["google_sql_database_instance"]) {
            return;
        }
        for settings in root(r).sections("settings") {
            for ip in settings.sections("ip_configuration") {
                match ip.get("ipv4_enabled").map(|e| e.as_bool()) {
                    None | Some(Some(true)) => {}
                    _ => continue, // no public IP, or unknown
                }
                for net in ip.sections("authorized_networks") {
                    let Some(v) = net.get("value") else { continue };
                    let Some(cidr) = v.as_str().filter(|c| WORLD.contains(c)) else {
                        continue;
                    };
                    out.push(
                        Diagnostic::new(
                            &META,
                            v.span,
                            format!("{} authorizes {cidr} on its public IP", r.address()),
                        )
                        .anchor(format!("{}:authorized_networks:{cidr}", r.address())),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn private_ip_only_is_not_reported() {
        let src = "resource \"google_sql_database_instance\" \"a\" {\n  settings {\n    ip_configuration {\n      ipv4_enabled = false\n      authorized_networks {\n        value = \"0.0.0.0/0\"\n      }\n    }\n  }\n}\n";
        assert!(lines("TF092", "main.tf", src).is_empty());
    }
}
