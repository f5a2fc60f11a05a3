//! Rule metadata, the per-family rule traits, and the one registry.
//!
//! Adding a rule = one file under the family directory + one line in that family's `RULES`
//! list + fixtures under `tests/fixtures/<family>/<ID>/`.

pub mod ci;
pub mod compose;
pub mod docker;
pub mod il;
pub mod k8s;
pub mod secrets;
pub mod terraform;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, LazyLock};

use serde::Serialize;

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::ci::github::{GhJob, Step, Workflow};
use crate::model::ci::gitlab::{GitlabCi, GlJob};
use crate::model::ci::{CiFile, CiModel};
use crate::model::compose::Service;
use crate::model::docker::{Dockerfile, Instruction};
use crate::model::k8s::{Container, Object};
use crate::model::terraform::{Project, Resource, TfFile};
use crate::parse::hcl::Block;
use crate::parse::yaml::{Node, YamlFile};

/// The production-readiness checklist boxes (DESIGN.md §6). Every rule evidences one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Checklist {
    /// 1. All infrastructure defined as code.
    InfrastructureAsCode,
    /// 2. Terraform state remote, locked, one per environment.
    TerraformState,
    /// 3. Images multi-stage, minimal, non-root, pinned, with health checks and .dockerignore.
    ImageHygiene,
    /// 4. Images scanned for vulnerabilities in CI, gating deploy.
    ImageScanning,
    /// 5. No secrets in code.
    NoSecretsInCode,
    /// 6. Secrets injected at runtime.
    RuntimeSecrets,
    /// 7. Resource requests and limits on every workload.
    ResourceLimits,
    /// 8. Health checks and probes.
    HealthChecks,
    /// 9. Deployment strategy with a rollback path.
    RollbackPath,
    /// 10. Production deploy requires approval.
    ProductionApproval,
    /// 11. Monitoring covers the four golden signals.
    GoldenSignals,
    /// 12. Every alert has a runbook.
    AlertRunbooks,
    /// Not a checklist box: ironlaw's own diagnostics (parse errors, suppressions).
    Tooling,
}

impl Checklist {
    pub const ALL: [Checklist; 13] = [
        Checklist::InfrastructureAsCode,
        Checklist::TerraformState,
        Checklist::ImageHygiene,
        Checklist::ImageScanning,
        Checklist::NoSecretsInCode,
        Checklist::RuntimeSecrets,
        Checklist::ResourceLimits,
        Checklist::HealthChecks,
        Checklist::RollbackPath,
        Checklist::ProductionApproval,
        Checklist::GoldenSignals,
        Checklist::AlertRunbooks,
        Checklist::Tooling,
    ];

    /// The box number (1–12); 0 for [`Checklist::Tooling`].
    #[must_use]
    pub fn number(self) -> u8 {
        match self {
            Checklist::InfrastructureAsCode => 1,
            Checklist::TerraformState => 2,
            Checklist::ImageHygiene => 3,
            Checklist::ImageScanning => 4,
            Checklist::NoSecretsInCode => 5,
            Checklist::RuntimeSecrets => 6,
            Checklist::ResourceLimits => 7,
            Checklist::HealthChecks => 8,
            Checklist::RollbackPath => 9,
            Checklist::ProductionApproval => 10,
            Checklist::GoldenSignals => 11,
            Checklist::AlertRunbooks => 12,
            Checklist::Tooling => 0,
        }
    }

    /// Kebab-case key used in JSON and config.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Checklist::InfrastructureAsCode => "infrastructure-as-code",
            Checklist::TerraformState => "terraform-state",
            Checklist::ImageHygiene => "image-hygiene",
            Checklist::ImageScanning => "image-scanning",
            Checklist::NoSecretsInCode => "no-secrets-in-code",
            Checklist::RuntimeSecrets => "runtime-secrets",
            Checklist::ResourceLimits => "resource-limits",
            Checklist::HealthChecks => "health-checks",
            Checklist::RollbackPath => "rollback-path",
            Checklist::ProductionApproval => "production-approval",
            Checklist::GoldenSignals => "golden-signals",
            Checklist::AlertRunbooks => "alert-runbooks",
            Checklist::Tooling => "tooling",
        }
    }

    /// Human title of the box.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Checklist::InfrastructureAsCode => "All infrastructure defined as code",
            Checklist::TerraformState => "Terraform state remote, locked, one per environment",
            Checklist::ImageHygiene => {
                "Images multi-stage, minimal, non-root, pinned, with health checks and .dockerignore"
            }
            Checklist::ImageScanning => "Images scanned for vulnerabilities in CI, gating deploy",
            Checklist::NoSecretsInCode => "No secrets in code",
            Checklist::RuntimeSecrets => "Secrets injected at runtime",
            Checklist::ResourceLimits => "Resource requests and limits on every workload",
            Checklist::HealthChecks => "Health checks and probes",
            Checklist::RollbackPath => "Deployment strategy with a rollback path",
            Checklist::ProductionApproval => "Production deploy requires approval",
            Checklist::GoldenSignals => "Monitoring covers the four golden signals",
            Checklist::AlertRunbooks => "Every alert has a runbook",
            Checklist::Tooling => "ironlaw diagnostics",
        }
    }
}

/// The artifact family a rule belongs to, derived from its id prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Dockerfile,
    Kubernetes,
    Compose,
    Terraform,
    Ironlaw,
    /// GitHub Actions and GitLab CI (`CI`).
    Ci,
    /// Committed credentials in any text file (`SEC`).
    Secrets,
    /// Terraform plan risk (`PLAN`, `ironlaw plan`).
    Plan,
}

impl Family {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Dockerfile => "dockerfile",
            Family::Kubernetes => "kubernetes",
            Family::Compose => "compose",
            Family::Terraform => "terraform",
            Family::Ironlaw => "ironlaw",
            Family::Ci => "ci",
            Family::Secrets => "secrets",
            Family::Plan => "plan",
        }
    }
}

/// A rule's metadata: the single source for `ironlaw rules`, `ironlaw explain`,
/// `docs/rules/`, SARIF `rules[]` and the JSON report.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable id: family prefix + 3 digits (`DF001`). Never reused.
    pub id: &'static str,
    /// Kebab-case slug naming the anti-pattern (`image-uses-latest-tag`).
    pub name: &'static str,
    pub family: Family,
    /// One-line title.
    pub title: &'static str,
    pub severity: Severity,
    pub confidence: Confidence,
    pub checklist: Checklist,
    /// Why it matters in production.
    pub rationale: &'static str,
    /// What to write instead, imperative, with a short good example.
    pub remediation: &'static str,
    /// The same check in peer tools, as `tool:id`.
    pub equivalents: &'static [&'static str],
    pub references: &'static [&'static str],
}

impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for RuleMeta {}

impl RuleMeta {
    /// Peer ids of one tool (`"hadolint"` → `["DL3007"]`).
    pub fn equivalents_of<'a>(&'a self, tool: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        self.equivalents.iter().filter_map(move |e| {
            let (t, id) = e.split_once(':')?;
            (t == tool).then_some(id)
        })
    }
}

/// Facts about a file that a rule may need but cannot read itself (rules do no I/O).
#[derive(Clone, Debug, Default)]
pub struct FileContext {
    /// Path relative to the scan root.
    pub path: String,
    /// A `.dockerignore` (or `<name>.dockerignore`) sits in the Dockerfile's build context.
    pub has_dockerignore: bool,
    /// Every `.dockerignore` / `<name>.dockerignore` file of the scan (paths relative to the
    /// scan root, like `path`); `None` when the scan did not walk a directory (stdin, a single
    /// file), so rules must not conclude that a file is missing.
    pub dockerignores: Option<Arc<BTreeSet<String>>>,
}

/// A rule over one Dockerfile. Override the narrowest hook you need.
pub trait DockerRule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;

    /// Whole-file entry point; the default visits every instruction (ONBUILD triggers
    /// included) and then calls [`DockerRule::finish`].
    fn check(&self, df: &Dockerfile, ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        for ins in df.walk() {
            self.check_instruction(ins, df, out);
        }
        self.finish(df, ctx, out);
    }

    /// Called for each instruction, in file order.
    fn check_instruction(&self, _ins: &Instruction, _df: &Dockerfile, _out: &mut Vec<Diagnostic>) {}

    /// Called once after all instructions (for rules that decide on the whole file).
    fn finish(&self, _df: &Dockerfile, _ctx: &FileContext, _out: &mut Vec<Diagnostic>) {}
}

/// A rule over the Kubernetes objects of one manifest file. Override the narrowest hook.
pub trait K8sRule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;

    /// Whole-file entry point; the default visits every object, its pod spec and its
    /// containers (init and ephemeral ones included).
    fn check(&self, objects: &[Object], _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        for obj in objects {
            self.check_object(obj, out);
            if let Some(spec) = obj.pod_spec() {
                self.check_pod_spec(obj, spec, out);
            }
            for c in obj.containers() {
                self.check_container(obj, &c, out);
            }
        }
    }

    /// Called for each object.
    fn check_object(&self, _obj: &Object, _out: &mut Vec<Diagnostic>) {}

    /// Called for each workload's pod spec.
    fn check_pod_spec(&self, _obj: &Object, _spec: &Node, _out: &mut Vec<Diagnostic>) {}

    /// Called for each container of a workload.
    fn check_container(&self, _obj: &Object, _c: &Container<'_>, _out: &mut Vec<Diagnostic>) {}
}

/// A Kubernetes object of the scan, with the path of the file it came from.
#[derive(Clone, Copy, Debug)]
pub struct SurfaceObject<'a> {
    pub object: &'a Object,
    /// Path of its file, relative to the scan root.
    pub path: &'a str,
}

/// A diagnostic of a surface rule, and the file it points into.
#[derive(Clone, Debug)]
pub struct SurfaceDiagnostic {
    pub path: String,
    pub diagnostic: Diagnostic,
}

impl SurfaceDiagnostic {
    /// A diagnostic pointing into the file of `at`.
    #[must_use]
    pub fn new(at: &SurfaceObject<'_>, diagnostic: Diagnostic) -> Self {
        Self {
            path: at.path.to_string(),
            diagnostic,
        }
    }
}

/// A rule over every Kubernetes object of a scan (cross-object checks: dangling selectors,
/// missing references). Runs once, after the per-file pass; `objects` are in path order.
pub trait K8sSurfaceRule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;

    fn check(&self, objects: &[SurfaceObject<'_>], out: &mut Vec<SurfaceDiagnostic>);
}

/// A rule over one docker-compose file. Override the narrowest hook.
pub trait ComposeRule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;

    /// Whole-file entry point; the default visits every service.
    fn check(
        &self,
        _file: &YamlFile,
        services: &[Service<'_>],
        _ctx: &FileContext,
        out: &mut Vec<Diagnostic>,
    ) {
        for s in services {
            self.check_service(s, out);
        }
    }

    /// Called for each service.
    fn check_service(&self, _svc: &Service<'_>, _out: &mut Vec<Diagnostic>) {}
}

/// A rule over one CI file (GitHub workflow or action, GitLab CI). Override the narrowest
/// hook: the shared [`CiFile::pipeline`] (delivery gates), a GitHub workflow, job or step, a
/// GitLab file or job.
pub trait CiRule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;

    /// Whole-file entry point; the default calls [`CiRule::check_pipeline`], then walks the
    /// system-specific model.
    fn check(&self, ci: &CiFile<'_>, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        self.check_pipeline(ci, out);
        match &ci.model {
            CiModel::Github(wf) => {
                self.check_workflow(ci, wf, out);
                for job in &wf.jobs {
                    self.check_job(ci, wf, job, out);
                    for step in &job.steps {
                        self.check_step(ci, job, step, out);
                    }
                }
            }
            CiModel::Gitlab(gl) => {
                self.check_gitlab(ci, gl, out);
                for job in &gl.jobs {
                    self.check_gitlab_job(ci, job, out);
                }
            }
        }
    }

    /// Called once with the shared pipeline model.
    fn check_pipeline(&self, _ci: &CiFile<'_>, _out: &mut Vec<Diagnostic>) {}

    /// Whether the rule judges the whole job graph (delivery gates). Such a rule skips a file
    /// that holds only part of a GitLab pipeline, and runs again over the pipeline assembled
    /// from a `.gitlab-ci.yml` and its local includes (the engine's GitLab pipeline pass).
    fn needs_whole_pipeline(&self) -> bool {
        false
    }

    /// Called once for a GitHub workflow or action.
    fn check_workflow(&self, _ci: &CiFile<'_>, _wf: &Workflow<'_>, _out: &mut Vec<Diagnostic>) {}

    /// Called for each GitHub job (a composite action has one, its `runs:`).
    fn check_job(
        &self,
        _ci: &CiFile<'_>,
        _wf: &Workflow<'_>,
        _job: &GhJob<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
    }

    /// Called for each GitHub step.
    fn check_step(
        &self,
        _ci: &CiFile<'_>,
        _job: &GhJob<'_>,
        _step: &Step<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
    }

    /// Called once for a GitLab CI file.
    fn check_gitlab(&self, _ci: &CiFile<'_>, _gl: &GitlabCi<'_>, _out: &mut Vec<Diagnostic>) {}

    /// Called for each GitLab job, hidden templates included.
    fn check_gitlab_job(&self, _ci: &CiFile<'_>, _job: &GlJob<'_>, _out: &mut Vec<Diagnostic>) {}
}

/// Every rule ironlaw knows.
pub struct Registry {
    pub docker: Vec<&'static dyn DockerRule>,
    pub k8s: Vec<&'static dyn K8sRule>,
    pub compose: Vec<&'static dyn ComposeRule>,
    /// Kubernetes rules over all objects of a scan.
    pub k8s_surface: Vec<&'static dyn K8sSurfaceRule>,
    pub terraform: Vec<&'static dyn TerraformRule>,
    /// Terraform rules over all Terraform files of a scan (modules, environments).
    pub terraform_modules: Vec<&'static dyn TerraformModuleRule>,
    /// GitHub Actions and GitLab CI rules.
    pub ci: Vec<&'static dyn CiRule>,
    metas: Vec<&'static RuleMeta>,
    by_key: BTreeMap<&'static str, &'static RuleMeta>,
}

impl Registry {
    fn build() -> Self {
        let docker: Vec<&'static dyn DockerRule> = docker::RULES.to_vec();
        let k8s: Vec<&'static dyn K8sRule> = k8s::RULES.to_vec();
        let compose: Vec<&'static dyn ComposeRule> = compose::RULES.to_vec();
        let k8s_surface: Vec<&'static dyn K8sSurfaceRule> = k8s::SURFACE_RULES.to_vec();
        let mut metas: Vec<&'static RuleMeta> = il::ALL.to_vec();
        metas.extend(docker.iter().map(|r| r.meta()));
        metas.extend(k8s.iter().map(|r| r.meta()));
        metas.extend(compose.iter().map(|r| r.meta()));
        metas.extend(k8s_surface.iter().map(|r| r.meta()));
        let terraform: Vec<&'static dyn TerraformRule> = terraform::RULES.to_vec();
        let terraform_modules: Vec<&'static dyn TerraformModuleRule> =
            terraform::MODULE_RULES.to_vec();
        metas.extend(terraform.iter().map(|r| r.meta()));
        metas.extend(terraform_modules.iter().map(|r| r.meta()));
        let ci: Vec<&'static dyn CiRule> = ci::RULES.to_vec();
        metas.extend(ci.iter().map(|r| r.meta()));
        metas.extend(crate::plan::rules::RULES.iter().map(|r| r.meta()));
        metas.extend(crate::secrets::detectors::DETECTORS.iter().map(|d| &d.meta));
        metas.extend(secrets::RULES.iter().copied());
        metas.sort_by_key(|m| m.id);
        let mut by_key = BTreeMap::new();
        for m in &metas {
            by_key.insert(m.id, *m);
            by_key.insert(m.name, *m);
        }
        Self {
            docker,
            k8s,
            compose,
            k8s_surface,
            terraform,
            terraform_modules,
            ci,
            metas,
            by_key,
        }
    }

    /// All rule metadata, sorted by id.
    #[must_use]
    pub fn metas(&self) -> &[&'static RuleMeta] {
        &self.metas
    }

    /// Whether `meta` is a surface rule (runs over the whole scan, not one file).
    #[must_use]
    pub fn is_surface(&self, meta: &RuleMeta) -> bool {
        self.k8s_surface
            .iter()
            .any(|r| std::ptr::eq(r.meta(), meta))
            || self
                .terraform_modules
                .iter()
                .any(|r| std::ptr::eq(r.meta(), meta))
    }

    /// Look up a rule by id (case-insensitive) or name.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&'static RuleMeta> {
        self.by_key
            .get(key)
            .or_else(|| self.by_key.get(key.to_ascii_uppercase().as_str()))
            .copied()
    }

    /// Rules whose `equivalents` contain `tool:id` (peer suppressions).
    pub fn by_equivalent<'a>(
        &'a self,
        tool: &'a str,
        peer_id: &'a str,
    ) -> impl Iterator<Item = &'static RuleMeta> + 'a {
        self.metas.iter().copied().filter(move |m| {
            m.equivalents_of(tool)
                .any(|id| id.eq_ignore_ascii_case(peer_id))
        })
    }

    /// The closest id or name to `key`, for "did you mean" messages.
    #[must_use]
    pub fn suggest(&self, key: &str) -> Option<&'static str> {
        crate::util::closest(key, self.by_key.keys().copied())
    }
}

/// The registry, built once.
pub fn registry() -> &'static Registry {
    static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::build);
    &REGISTRY
}

/// A rule over one Terraform file. Override the narrowest hook you need.
pub trait TerraformRule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;

    /// Whole-file entry point; the default visits every top-level block, then every
    /// `resource` and `data` block.
    fn check(&self, file: &TfFile, _ctx: &FileContext, out: &mut Vec<Diagnostic>) {
        for b in &file.body.blocks {
            self.check_block(b, file, out);
        }
        for r in file.resources() {
            self.check_resource(&r, file, out);
        }
    }

    /// Called for each top-level block (`terraform`, `provider`, `variable`, `module`, …).
    fn check_block(&self, _block: &Block, _file: &TfFile, _out: &mut Vec<Diagnostic>) {}

    /// Called for each `resource` and `data` block.
    fn check_resource(&self, _r: &Resource<'_>, _file: &TfFile, _out: &mut Vec<Diagnostic>) {}
}

/// A rule over every Terraform file of a scan grouped into modules (root modules, backends
/// per environment, lock files). Runs once, after the per-file pass; modules are in
/// directory order and their files in path order.
pub trait TerraformModuleRule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;

    fn check(&self, project: &Project<'_>, out: &mut Vec<SurfaceDiagnostic>);
}

impl SurfaceDiagnostic {
    /// A diagnostic pointing into the file at `path`.
    #[must_use]
    pub fn in_file(path: &str, diagnostic: Diagnostic) -> Self {
        Self {
            path: path.to_string(),
            diagnostic,
        }
    }
}
