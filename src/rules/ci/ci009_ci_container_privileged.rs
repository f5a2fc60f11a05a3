//! CI009 `ci-container-privileged`: a GitHub job or service container runs `--privileged` or
//! mounts the Docker socket.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::github::{GhJob, Workflow};
use crate::model::ci::{CiFile, scalar};
use crate::parse::yaml::Node;
use crate::rules::{Checklist, CiRule, Family, RuleMeta};

pub struct CiContainerPrivileged;

pub static META: RuleMeta = RuleMeta {
    id: "CI009",
    name: "ci-container-privileged",
    family: Family::Ci,
    title: "Job container runs privileged or mounts the Docker socket",
    severity: Severity::High,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A privileged container, or one with the Docker socket, is root on the runner \
host: any dependency or tool the job runs can escape the container, read other jobs' \
workspaces and credentials on a shared runner, and persist on it.",
    remediation: "Drop `--privileged` and the socket mount; build images with a rootless \
builder (BuildKit rootless, Kaniko, Buildah) or `docker/build-push-action` on the host \
runner.",
    equivalents: &[],
    references: &[
        "https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idcontaineroptions",
    ],
};

fn check(container: &Node, what: &str, out: &mut Vec<Diagnostic>) {
    let opts = container
        .get("options")
        .and_then(|o| scalar(o).map(|s| (s, o.span)));
    let volumes = container.get("volumes");
    if let Some((o, span)) = opts {
        if o.split_whitespace()
            .any(|w| w == "--privileged" || w == "--privileged=true")
        {
            out.push(
                Diagnostic::new(&META, span, format!("{what} runs with `--privileged`"))
                    .anchor(format!("{what}:privileged")),
            );
        }
        if o.contains("/var/run/docker.sock") {
            out.push(
                Diagnostic::new(&META, span, format!("{what} mounts the Docker socket"))
                    .anchor(format!("{what}:socket")),
            );
        }
    }
    for v in volumes.map(Node::iter_seq).into_iter().flatten() {
        if v.as_str()
            .is_some_and(|s| s.contains("/var/run/docker.sock"))
        {
            out.push(
                Diagnostic::new(&META, v.span, format!("{what} mounts the Docker socket"))
                    .anchor(format!("{what}:socket")),
            );
        }
    }
}

impl CiRule for CiContainerPrivileged {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_job(
        &self,
        _ci: &CiFile<'_>,
        _wf: &Workflow<'_>,
        job: &GhJob<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        if let Some(c) = job.get("container") {
            check(c, &format!("job \"{}\" container", job.id), out);
        }
        for (k, s) in job
            .get("services")
            .map(Node::iter_map)
            .into_iter()
            .flatten()
        {
            let name = k.as_str().unwrap_or("?");
            check(s, &format!("job \"{}\" service \"{name}\"", job.id), out);
        }
    }
}
