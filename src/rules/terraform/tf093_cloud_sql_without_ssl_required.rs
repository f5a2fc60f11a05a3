//! TF093 `cloud-sql-without-ssl-required`: a `google_sql_database_instance` accepts
//! unencrypted connections: `settings.ip_configuration.ssl_mode` is
//! `ALLOW_UNENCRYPTED_AND_ENCRYPTED`, or `require_ssl = false`, or neither is set (the
//! default accepts unencrypted connections).
//!
//! `ssl_mode = "ENCRYPTED_ONLY"` and `"TRUSTED_CLIENT_CERTIFICATE_REQUIRED"` pass, as does
//! the deprecated `require_ssl = true`. Values from variables, and `dynamic` `settings` or
//! `ip_configuration` blocks, are unknown and not reported.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Resource, TfFile};
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

use super::iam_obs::{managed_of, root};

pub struct CloudSqlWithoutSslRequired;

pub static META: RuleMeta = RuleMeta {
    id: "TF093",
    name: "cloud-sql-without-ssl-required",
    family: Family::Terraform,
    title: "Cloud SQL instance accepts unencrypted connections",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::InfrastructureAsCode,
    rationale: "A database that accepts plain-text connections lets any client that forgets \
(or is tricked out of) TLS send credentials and query results readable by anyone on the path.",
    remediation: "Require encrypted connections: `ip_configuration { ssl_mode = \"ENCRYPTED_ONLY\" }` \
(or `\"TRUSTED_CLIENT_CERTIFICATE_REQUIRED\"` to also require client certificates).",
    equivalents: &["checkov:CKV_GCP_6"],
    references: &[
        "https://cloud.google.com/sql/docs/postgres/configure-ssl-instance",
        "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#ssl_mode",
    ],
};

const ENCRYPTED: &[&str] = &["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"];

impl TerraformRule for CloudSqlWithoutSslRequired {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_resource(&self, r: &Resource<'_>, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if !managed_of(r, &["google_sql_database_instance"]) {
            return;
        }
        let top = root(r);
        if top.has_dynamic("settings") {
            return;
        }
        let Some(settings) = top.section("settings") else {
            return;
        };
        if settings.has_dynamic("ip_configuration") {
            return;
        }
        let push = |span, msg: &str, out: &mut Vec<Diagnostic>| {
            out.push(
                Diagnostic::new(&META, span, format!("{} {msg}", r.address()))
                    .anchor(format!("{}.ssl_mode", r.address())),
            );
        };
        let Some(ip) = settings.section("ip_configuration") else {
            push(
                settings.span(),
                "sets no ip_configuration.ssl_mode (unencrypted connections are accepted by default)",
                out,
            );
            return;
        };
        if let Some(mode) = ip.get("ssl_mode") {
            if let Some(m) = mode.as_str()
                && !ENCRYPTED.contains(&m)
            {
                push(
                    mode.span,
                    &format!("sets ssl_mode = \"{m}\" (unencrypted connections accepted)"),
                    out,
                );
            }
            return;
        }
        match ip.get("require_ssl") {
            Some(e) => {
                if e.as_bool() == Some(false) {
                    push(
                        e.span,
                        "sets require_ssl = false (unencrypted connections accepted)",
                        out,
                    );
                }
            }
            None => push(
                ip.span(),
                "sets neither ssl_mode nor require_ssl (unencrypted connections are accepted by default)",
                out,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::lines;

    #[test]
    fn modes() {
        let src = "resource \"google_sql_database_instance\" \"a\" {\n  settings {\n    ip_configuration {\n      ssl_mode = \"ENCRYPTED_ONLY\"\n    }\n  }\n}\nresource \"google_sql_database_instance\" \"b\" {\n  settings {\n    ip_configuration {\n      require_ssl = true\n    }\n  }\n}\nresource \"google_sql_database_instance\" \"c\" {\n  settings {\n    tier = \"db-f1-micro\"\n  }\n}\n";
        let got = lines("TF093", "main.tf", src);
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![16],
            "{got:?}"
        );
    }
}
