//! TF024 `secret-output-not-sensitive`: an `output` exposes a secret-looking value — a
//! secret-looking attribute (`aws_db_instance.db.password`), a secret-looking variable, a
//! generated secret (`random_password.x.result`, `tls_private_key.k.private_key_pem`) — or
//! has a secret-looking name, without `sensitive = true`.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::terraform::{Output, TfFile, is_secret_name};
use crate::parse::hcl::Block;
use crate::rules::{Checklist, Family, RuleMeta, TerraformRule};

pub struct SecretOutputNotSensitive;

pub static META: RuleMeta = RuleMeta {
    id: "TF024",
    name: "secret-output-not-sensitive",
    family: Family::Terraform,
    title: "Output exposes a secret without sensitive = true",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::NoSecretsInCode,
    rationale: "Outputs are printed after every apply and readable by anyone who can read the \
state or run `terraform output`; a secret in a non-sensitive output lands in CI logs and in \
every consumer of `terraform_remote_state`.",
    remediation: "Mark the output sensitive, or do not output the secret at all (hand out a \
secret-manager ARN instead): `output \"db_password\" { value = random_password.db.result, sensitive = true }`.",
    equivalents: &[],
    references: &[
        "https://developer.hashicorp.com/terraform/language/values/outputs#sensitive-suppressing-values-in-cli-output",
    ],
};

/// Generated-secret resources and the attributes that hold the secret.
const GENERATED: &[(&str, &[&str])] = &[
    ("random_password", &["result", "bcrypt_hash"]),
    (
        "tls_private_key",
        &[
            "private_key_pem",
            "private_key_openssh",
            "private_key_pem_pkcs8",
        ],
    ),
    ("aws_iam_access_key", &["secret", "ses_smtp_password_v4"]),
    (
        "aws_secretsmanager_secret_version",
        &["secret_string", "secret_binary"],
    ),
];

/// A short description of the secret a reference reads, if it reads one.
fn secret_ref(path: &[String]) -> Option<String> {
    let first = path.first()?;
    if first == "var" {
        let name = path.get(1)?;
        return is_secret_name(name).then(|| format!("var.{name}"));
    }
    // `data.<type>.<name>.<attr>` reads like `<type>.<name>.<attr>`
    let typed = if first == "data" {
        path.get(1..)?
    } else {
        path
    };
    let ty = typed.first()?;
    for (gen_ty, attrs) in GENERATED {
        if ty == gen_ty && typed.iter().skip(2).any(|s| attrs.contains(&s.as_str())) {
            return Some(path.join("."));
        }
    }
    let skip = if first == "data" { 3 } else { 2 };
    path.iter()
        .skip(skip)
        .any(|s| !s.starts_with('[') && is_secret_name(s))
        .then(|| path.join("."))
}

impl TerraformRule for SecretOutputNotSensitive {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_block(&self, block: &Block, _file: &TfFile, out: &mut Vec<Diagnostic>) {
        if block.ident != "output" {
            return;
        }
        let o = Output::of(block);
        if o.is_sensitive()
            || o.sensitive_attr
                .is_some_and(|a| a.value.as_bool().is_none())
        {
            return;
        }
        let Some(value) = o.value else { return };
        let what = value
            .value
            .refs()
            .into_iter()
            .find_map(secret_ref)
            .or_else(|| {
                (is_secret_name(o.name) && !value.value.is_literal())
                    .then(|| "a secret-looking value".to_string())
            });
        let Some(what) = what else { return };
        out.push(
            Diagnostic::new(
                &META,
                value.span,
                format!(
                    "output \"{}\" exposes {what} without sensitive = true",
                    o.name
                ),
            )
            .anchor(format!("output.{}", o.name)),
        );
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::super::util::testing::{lines, tree};

    #[test]
    fn module_and_data_secrets() {
        let src = "output \"a\" {\n  value = module.db.master_password\n}\noutput \"b\" {\n  value = data.aws_secretsmanager_secret_version.s.secret_string\n}\noutput \"c\" {\n  value = data.aws_secretsmanager_secret.s.arn\n}\n";
        let got: Vec<usize> = lines("TF024", "main.tf", src)
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        assert_eq!(got, vec![2, 5]);
        let _ = tree;
    }
}
