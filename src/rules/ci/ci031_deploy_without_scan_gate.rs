//! CI031 `deploy-without-scan-gate`: the pipeline builds an image, and a deploy job does not
//! depend (directly or transitively) on a vulnerability scan.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::CiFile;
use crate::rules::ci::gates::graph_complete;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct DeployWithoutScanGate;

pub static META: RuleMeta = RuleMeta {
    id: "CI031",
    name: "deploy-without-scan-gate",
    family: Family::Ci,
    title: "Image is built and deployed without a vulnerability scan gating the deploy",
    severity: Severity::High,
    confidence: Confidence::Medium,
    checklist: Checklist::ImageScanning,
    rationale: "An image built in the pipeline carries its base image's and dependencies' \
known vulnerabilities. If no scan runs before the deploy job (or the deploy does not wait for \
it), a critical CVE reaches production and is found, at best, by the next scheduled scan.",
    remediation: "Scan the built image and make the deploy depend on the scan: a `scan` job \
running `trivy image --exit-code 1 --severity CRITICAL,HIGH $IMAGE` and `needs: [scan]` on \
the deploy job.",
    equivalents: &[],
    references: &[
        "https://aquasecurity.github.io/trivy/latest/docs/target/container_image/",
        "https://docs.gitlab.com/user/application_security/container_scanning/",
    ],
};

impl CiRule for DeployWithoutScanGate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs_whole_pipeline(&self) -> bool {
        true
    }

    fn check_pipeline(&self, ci: &CiFile<'_>, out: &mut Vec<Diagnostic>) {
        let p = &ci.pipeline;
        if !graph_complete(ci) || !p.builds_image() {
            return;
        }
        let gated = p.reaching(|j| j.kinds.scan);
        for (job, gated) in p.jobs.iter().zip(gated) {
            if !job.kinds.deploy || gated {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    job.span,
                    format!(
                        "deploy job \"{}\" does not depend on a vulnerability scan of the image this pipeline builds",
                        job.name
                    ),
                )
                .anchor(job.name.clone()),
            );
        }
    }
}
