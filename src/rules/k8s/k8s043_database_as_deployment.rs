//! K8S043 `database-as-deployment`: a Deployment runs a database or queue image without a
//! persistent volume claim.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::k8s::{ContainerKind, Object};
use crate::parse::yaml::Node;
use crate::rules::k8s::reliability::image_base_name;
use crate::rules::k8s::workload::is_template;
use crate::rules::{Checklist, Family, K8sRule, RuleMeta};

pub struct DatabaseAsDeployment;

/// Image names of stateful servers (last path segment, no tag).
const STATEFUL_IMAGES: &[&str] = &[
    "postgres",
    "postgresql",
    "postgis",
    "mysql",
    "mysql-server",
    "mariadb",
    "percona-server",
    "mongo",
    "mongodb",
    "mongodb-community-server",
    "redis",
    "redis-stack-server",
    "valkey",
    "rabbitmq",
    "kafka",
    "cp-kafka",
    "elasticsearch",
    "opensearch",
    "cassandra",
    "scylla",
    "zookeeper",
    "etcd",
    "cockroach",
    "clickhouse-server",
    "influxdb",
    "neo4j",
    "couchdb",
    "minio",
];

pub static META: RuleMeta = RuleMeta {
    id: "K8S043",
    name: "database-as-deployment",
    family: Family::Kubernetes,
    title: "Database runs as a Deployment without persistent storage",
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    checklist: Checklist::RollbackPath,
    rationale: "A Deployment's pods are interchangeable and their filesystem is thrown away on \
every reschedule, node drain or rollout: a database or broker run this way loses its data, \
and a rolling update can briefly run two instances on the same files. StatefulSets give each \
replica a stable identity and its own PersistentVolumeClaim.",
    remediation: "Run it as a StatefulSet with `volumeClaimTemplates` (or use a managed \
service): `kind: StatefulSet, spec: {volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 20Gi}}}}]}`.",
    equivalents: &[],
    references: &[
        "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/",
        "https://kubernetes.io/docs/tasks/run-application/run-single-instance-stateful-application/",
    ],
};

impl K8sRule for DatabaseAsDeployment {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_pod_spec(&self, obj: &Object, spec: &Node, out: &mut Vec<Diagnostic>) {
        if obj.kind != "Deployment" {
            return;
        }
        let has_pvc = spec
            .get("volumes")
            .map(Node::iter_seq)
            .into_iter()
            .flatten()
            .any(|v| v.get("persistentVolumeClaim").is_some());
        if has_pvc {
            return;
        }
        for c in obj.containers() {
            if c.kind != ContainerKind::Container {
                continue;
            }
            let Some(image) = c.node.get("image") else {
                continue;
            };
            let Some(text) = image.as_str() else { continue };
            if is_template(text) {
                continue;
            }
            let base = image_base_name(text);
            if !STATEFUL_IMAGES.contains(&base.as_str()) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    image.span,
                    format!(
                        "{} runs {base} (container \"{}\") without a persistent volume claim",
                        obj.describe(),
                        c.name()
                    ),
                )
                .anchor(format!("{}:{}", obj.id(), c.name())),
            );
        }
    }
}
