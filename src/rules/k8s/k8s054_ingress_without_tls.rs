//! K8S054 `ingress-without-tls`: an Ingress has no `spec.tls` section.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::Object;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct IngressWithoutTls;

pub static META: RuleMeta = RuleMeta {
    id: "K8S054",
    name: "ingress-without-tls",
    family: Family::Kubernetes,
    title: "Ingress serves plain HTTP",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageHygiene,
    rationale: "Without `spec.tls` the Ingress terminates no TLS for its hosts: cookies, tokens \
and form data cross the network in clear text unless something in front of the cluster \
terminates TLS (then say so with a suppression).",
    remediation: "Add a `tls` section naming the hosts and a certificate Secret (cert-manager \
can issue it): `spec: {tls: [{hosts: [shop.example.com], secretName: shop-tls}]}`.",
    equivalents: &[],
    references: &["https://kubernetes.io/docs/concepts/services-networking/ingress/#tls"],
};

impl K8sRule for IngressWithoutTls {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_object(&self, obj: &Object, out: &mut Vec<Diagnostic>) {
        if obj.kind != "Ingress" {
            return;
        }
        let Some(spec) = obj.node.get("spec").filter(|s| s.as_map().is_some()) else {
            return;
        };
        let has_tls = spec
            .get("tls")
            .is_some_and(|t| t.as_seq().is_none_or(|s| !s.is_empty()));
        if has_tls {
            return;
        }
        out.push(
            Diagnostic::new(
                &META,
                obj.kind_span,
                format!("{} has no tls section", obj.describe()),
            )
            .anchor(obj.id()),
        );
    }
}
