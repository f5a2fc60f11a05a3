//! DC011 `compose-database-port-on-all-interfaces`: a database or cache service publishes its
//! port on every host interface.

use crate::finding::{Confidence, Diagnostic, Severity};
use crate::model::compose::Service;
use crate::model::docker::ImageRef;
use crate::rules::compose::util;
use crate::rules::{Checklist, ComposeRule, Family, RuleMeta};

pub struct ComposeDatabasePortOnAllInterfaces;

pub static META: RuleMeta = RuleMeta {
    id: "DC011",
    name: "compose-database-port-on-all-interfaces",
    family: Family::Compose,
    title: "Compose database or cache port is published on all interfaces",
    severity: Severity::Medium,
    confidence: Confidence::High,
    checklist: Checklist::ImageHygiene,
    rationale: "A published port without a host IP binds `0.0.0.0`, and Docker's iptables \
rules bypass host firewalls such as ufw: the database or cache is reachable from the \
internet, where default or weak credentials (and unauthenticated Redis, Memcached or \
Elasticsearch) are scanned for within minutes.",
    remediation: "Do not publish the port (other services reach it over the compose network), \
or bind it to loopback: `ports: [\"127.0.0.1:5432:5432\"]`.",
    equivalents: &[],
    references: &[
        "https://docs.docker.com/reference/compose-file/services/#ports",
        "https://docs.docker.com/engine/network/packet-filtering-firewalls/",
    ],
};

/// Image names (last path segment of the repository) of databases, caches and brokers.
const DATASTORES: &[&str] = &[
    "postgres",
    "postgresql",
    "postgis",
    "timescaledb",
    "mysql",
    "mariadb",
    "percona",
    "mongo",
    "mongodb",
    "redis",
    "redis-stack",
    "redis-stack-server",
    "valkey",
    "keydb",
    "rabbitmq",
    "elasticsearch",
    "opensearch",
    "memcached",
    "cassandra",
    "scylla",
    "couchdb",
    "couchbase",
    "neo4j",
    "influxdb",
    "clickhouse-server",
    "mssql-server",
    "oracle-xe",
    "cockroach",
    "etcd",
    "zookeeper",
    "kafka",
    "nats",
    "minio",
];

/// The datastore name of an image (`postgres` for `postgres:16`), `None` when it is not one
/// of [`DATASTORES`] or is interpolated.
pub(crate) fn datastore(image: &str) -> Option<String> {
    let r = ImageRef::parse(image);
    if r.unresolved {
        return None;
    }
    let name = r.repository.rsplit('/').next().unwrap_or(&r.repository);
    DATASTORES.contains(&name).then(|| name.to_string())
}

impl ComposeRule for ComposeDatabasePortOnAllInterfaces {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_service(&self, svc: &Service<'_>, out: &mut Vec<Diagnostic>) {
        let Some(db) = svc.image().and_then(datastore) else {
            return;
        };
        for p in util::ports_on_all_interfaces(svc) {
            let host = if p.published.is_empty() {
                "a random host port".to_string()
            } else {
                format!("host port {}", p.published)
            };
            out.push(
                Diagnostic::new(
                    &META,
                    p.node.span,
                    format!(
                        "service \"{}\" ({db}) publishes container port {} on {host} on all interfaces",
                        svc.name, p.target
                    ),
                )
                .anchor(format!("{}:{}", svc.name, p.target)),
            );
        }
    }
}
