//! Which resource types matter to a change gate, as data.
//!
//! One row per type pattern (`*` matches any run of characters); a type may match several
//! rows (a KMS key is stateful *and* a key). Adding a type is one row here plus a line in
//! the tests below.

/// What a resource type is, for the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Holds data that a destroy loses (databases, buckets, volumes, queues, keys, zones…).
    Stateful,
    /// Decides who can reach what (security groups, NACLs, firewalls, NSGs, listeners).
    NetworkEdge,
    /// Grants permissions (IAM policies, roles, bindings, role assignments).
    Identity,
    /// Certificates and keys (ACM, TLS, KMS, access keys).
    Certificate,
    /// A DNS record.
    DnsRecord,
}

/// `(type pattern, class, what it is)`.
pub static TABLE: &[(&str, Class, &str)] = &[
    // ---- AWS, stateful
    ("aws_db_instance", Class::Stateful, "database"),
    ("aws_rds_cluster", Class::Stateful, "database cluster"),
    (
        "aws_rds_global_cluster",
        Class::Stateful,
        "database cluster",
    ),
    ("aws_dynamodb_table", Class::Stateful, "table"),
    ("aws_dynamodb_global_table", Class::Stateful, "table"),
    ("aws_redshift_cluster", Class::Stateful, "data warehouse"),
    (
        "aws_redshiftserverless_namespace",
        Class::Stateful,
        "data warehouse",
    ),
    ("aws_docdb_cluster", Class::Stateful, "database cluster"),
    ("aws_neptune_cluster", Class::Stateful, "database cluster"),
    ("aws_timestream_database", Class::Stateful, "database"),
    ("aws_keyspaces_table", Class::Stateful, "table"),
    ("aws_qldb_ledger", Class::Stateful, "ledger"),
    ("aws_elasticache_cluster", Class::Stateful, "cache"),
    (
        "aws_elasticache_replication_group",
        Class::Stateful,
        "cache",
    ),
    ("aws_elasticache_serverless_cache", Class::Stateful, "cache"),
    ("aws_memorydb_cluster", Class::Stateful, "cache"),
    ("aws_dax_cluster", Class::Stateful, "cache"),
    ("aws_opensearch_domain", Class::Stateful, "search cluster"),
    (
        "aws_elasticsearch_domain",
        Class::Stateful,
        "search cluster",
    ),
    ("aws_s3_bucket", Class::Stateful, "bucket"),
    ("aws_s3_directory_bucket", Class::Stateful, "bucket"),
    ("aws_ebs_volume", Class::Stateful, "volume"),
    ("aws_ebs_snapshot", Class::Stateful, "snapshot"),
    ("aws_db_snapshot", Class::Stateful, "snapshot"),
    ("aws_efs_file_system", Class::Stateful, "file system"),
    ("aws_fsx_*_file_system", Class::Stateful, "file system"),
    ("aws_backup_vault", Class::Stateful, "backup vault"),
    ("aws_glacier_vault", Class::Stateful, "archive"),
    ("aws_sqs_queue", Class::Stateful, "queue"),
    ("aws_kinesis_stream", Class::Stateful, "stream"),
    ("aws_msk_cluster", Class::Stateful, "kafka cluster"),
    ("aws_mq_broker", Class::Stateful, "message broker"),
    ("aws_kms_key", Class::Stateful, "KMS key"),
    ("aws_kms_replica_key", Class::Stateful, "KMS key"),
    ("aws_secretsmanager_secret", Class::Stateful, "secret"),
    ("aws_ssm_parameter", Class::Stateful, "parameter"),
    ("aws_route53_zone", Class::Stateful, "DNS zone"),
    ("aws_ecr_repository", Class::Stateful, "container registry"),
    ("aws_cloudwatch_log_group", Class::Stateful, "log group"),
    ("aws_cognito_user_pool", Class::Stateful, "user directory"),
    ("aws_eks_cluster", Class::Stateful, "Kubernetes cluster"),
    // ---- GCP, stateful
    ("google_sql_database_instance", Class::Stateful, "database"),
    ("google_sql_database", Class::Stateful, "database"),
    ("google_spanner_instance", Class::Stateful, "database"),
    ("google_spanner_database", Class::Stateful, "database"),
    (
        "google_alloydb_cluster",
        Class::Stateful,
        "database cluster",
    ),
    ("google_firestore_database", Class::Stateful, "database"),
    ("google_bigtable_instance", Class::Stateful, "database"),
    ("google_bigtable_table", Class::Stateful, "table"),
    ("google_bigquery_dataset", Class::Stateful, "dataset"),
    ("google_bigquery_table", Class::Stateful, "table"),
    ("google_redis_instance", Class::Stateful, "cache"),
    ("google_memcache_instance", Class::Stateful, "cache"),
    ("google_storage_bucket", Class::Stateful, "bucket"),
    ("google_compute_disk", Class::Stateful, "disk"),
    ("google_compute_region_disk", Class::Stateful, "disk"),
    ("google_filestore_instance", Class::Stateful, "file system"),
    ("google_pubsub_topic", Class::Stateful, "topic"),
    (
        "google_pubsub_subscription",
        Class::Stateful,
        "subscription",
    ),
    ("google_kms_key_ring", Class::Stateful, "KMS key ring"),
    ("google_kms_crypto_key", Class::Stateful, "KMS key"),
    ("google_secret_manager_secret", Class::Stateful, "secret"),
    ("google_dns_managed_zone", Class::Stateful, "DNS zone"),
    (
        "google_artifact_registry_repository",
        Class::Stateful,
        "container registry",
    ),
    (
        "google_container_cluster",
        Class::Stateful,
        "Kubernetes cluster",
    ),
    (
        "google_logging_project_bucket_config",
        Class::Stateful,
        "log bucket",
    ),
    // ---- Azure, stateful
    ("azurerm_mssql_server", Class::Stateful, "database server"),
    ("azurerm_mssql_database", Class::Stateful, "database"),
    (
        "azurerm_postgresql_server",
        Class::Stateful,
        "database server",
    ),
    (
        "azurerm_postgresql_flexible_server",
        Class::Stateful,
        "database server",
    ),
    (
        "azurerm_postgresql_flexible_server_database",
        Class::Stateful,
        "database",
    ),
    ("azurerm_mysql_server", Class::Stateful, "database server"),
    (
        "azurerm_mysql_flexible_server",
        Class::Stateful,
        "database server",
    ),
    (
        "azurerm_cosmosdb_account",
        Class::Stateful,
        "database account",
    ),
    ("azurerm_cosmosdb_*_database", Class::Stateful, "database"),
    ("azurerm_redis_cache", Class::Stateful, "cache"),
    (
        "azurerm_storage_account",
        Class::Stateful,
        "storage account",
    ),
    ("azurerm_storage_container", Class::Stateful, "bucket"),
    ("azurerm_storage_share", Class::Stateful, "file share"),
    ("azurerm_managed_disk", Class::Stateful, "disk"),
    ("azurerm_key_vault", Class::Stateful, "key vault"),
    ("azurerm_key_vault_key", Class::Stateful, "key"),
    ("azurerm_key_vault_secret", Class::Stateful, "secret"),
    ("azurerm_dns_zone", Class::Stateful, "DNS zone"),
    ("azurerm_private_dns_zone", Class::Stateful, "DNS zone"),
    (
        "azurerm_container_registry",
        Class::Stateful,
        "container registry",
    ),
    (
        "azurerm_kubernetes_cluster",
        Class::Stateful,
        "Kubernetes cluster",
    ),
    (
        "azurerm_log_analytics_workspace",
        Class::Stateful,
        "log workspace",
    ),
    (
        "azurerm_servicebus_namespace",
        Class::Stateful,
        "message broker",
    ),
    ("azurerm_servicebus_queue", Class::Stateful, "queue"),
    ("azurerm_eventhub_namespace", Class::Stateful, "stream"),
    ("azurerm_eventhub", Class::Stateful, "stream"),
    (
        "azurerm_recovery_services_vault",
        Class::Stateful,
        "backup vault",
    ),
    // ---- network edge
    ("aws_security_group", Class::NetworkEdge, "security group"),
    (
        "aws_default_security_group",
        Class::NetworkEdge,
        "security group",
    ),
    (
        "aws_security_group_rule",
        Class::NetworkEdge,
        "security group rule",
    ),
    (
        "aws_vpc_security_group_ingress_rule",
        Class::NetworkEdge,
        "security group rule",
    ),
    (
        "aws_vpc_security_group_egress_rule",
        Class::NetworkEdge,
        "security group rule",
    ),
    ("aws_network_acl", Class::NetworkEdge, "network ACL"),
    ("aws_default_network_acl", Class::NetworkEdge, "network ACL"),
    (
        "aws_network_acl_rule",
        Class::NetworkEdge,
        "network ACL rule",
    ),
    (
        "aws_lb_listener",
        Class::NetworkEdge,
        "load balancer listener",
    ),
    (
        "aws_alb_listener",
        Class::NetworkEdge,
        "load balancer listener",
    ),
    (
        "aws_lb_listener_rule",
        Class::NetworkEdge,
        "load balancer listener rule",
    ),
    ("aws_wafv2_web_acl", Class::NetworkEdge, "web ACL"),
    (
        "google_compute_firewall",
        Class::NetworkEdge,
        "firewall rule",
    ),
    (
        "google_compute_firewall_policy_rule",
        Class::NetworkEdge,
        "firewall rule",
    ),
    (
        "google_compute_security_policy",
        Class::NetworkEdge,
        "security policy",
    ),
    (
        "azurerm_network_security_group",
        Class::NetworkEdge,
        "network security group",
    ),
    (
        "azurerm_network_security_rule",
        Class::NetworkEdge,
        "network security rule",
    ),
    ("azurerm_firewall", Class::NetworkEdge, "firewall"),
    (
        "azurerm_firewall_*_rule_collection*",
        Class::NetworkEdge,
        "firewall rules",
    ),
    ("azurerm_lb_rule", Class::NetworkEdge, "load balancer rule"),
    (
        "azurerm_application_gateway",
        Class::NetworkEdge,
        "application gateway",
    ),
    // ---- identity
    ("aws_iam_*", Class::Identity, "IAM"),
    ("aws_*_policy", Class::Identity, "resource policy"),
    ("aws_lambda_permission", Class::Identity, "resource policy"),
    ("google_*_iam_member", Class::Identity, "IAM member"),
    ("google_*_iam_binding", Class::Identity, "IAM binding"),
    ("google_*_iam_policy", Class::Identity, "IAM policy"),
    (
        "azurerm_role_assignment",
        Class::Identity,
        "role assignment",
    ),
    (
        "azurerm_role_definition",
        Class::Identity,
        "role definition",
    ),
    (
        "azurerm_key_vault_access_policy",
        Class::Identity,
        "access policy",
    ),
    // ---- certificates and keys
    ("aws_acm_certificate", Class::Certificate, "certificate"),
    ("aws_acmpca_certificate", Class::Certificate, "certificate"),
    (
        "aws_acmpca_certificate_authority",
        Class::Certificate,
        "certificate authority",
    ),
    (
        "aws_iam_server_certificate",
        Class::Certificate,
        "certificate",
    ),
    ("aws_iam_access_key", Class::Certificate, "access key"),
    ("aws_kms_key", Class::Certificate, "KMS key"),
    ("aws_key_pair", Class::Certificate, "key pair"),
    ("tls_private_key", Class::Certificate, "private key"),
    ("tls_self_signed_cert", Class::Certificate, "certificate"),
    ("tls_locally_signed_cert", Class::Certificate, "certificate"),
    ("acme_certificate", Class::Certificate, "certificate"),
    (
        "google_compute_ssl_certificate",
        Class::Certificate,
        "certificate",
    ),
    (
        "google_compute_region_ssl_certificate",
        Class::Certificate,
        "certificate",
    ),
    (
        "google_compute_managed_ssl_certificate",
        Class::Certificate,
        "certificate",
    ),
    (
        "google_certificate_manager_certificate",
        Class::Certificate,
        "certificate",
    ),
    (
        "google_privateca_certificate",
        Class::Certificate,
        "certificate",
    ),
    ("google_kms_crypto_key", Class::Certificate, "KMS key"),
    (
        "google_service_account_key",
        Class::Certificate,
        "service account key",
    ),
    (
        "azurerm_key_vault_certificate",
        Class::Certificate,
        "certificate",
    ),
    (
        "azurerm_app_service_certificate",
        Class::Certificate,
        "certificate",
    ),
    ("azurerm_key_vault_key", Class::Certificate, "key"),
    // ---- DNS records
    ("aws_route53_record", Class::DnsRecord, "DNS record"),
    ("google_dns_record_set", Class::DnsRecord, "DNS record"),
    ("azurerm_dns_*_record", Class::DnsRecord, "DNS record"),
    (
        "azurerm_private_dns_*_record",
        Class::DnsRecord,
        "DNS record",
    ),
    ("cloudflare_record", Class::DnsRecord, "DNS record"),
    ("cloudflare_dns_record", Class::DnsRecord, "DNS record"),
];

/// Whether `name` matches `pattern` (`*` = any run of characters, possibly empty).
#[must_use]
pub fn glob(pattern: &str, name: &str) -> bool {
    let mut parts = pattern.split('*');
    let Some(first) = parts.next() else {
        return name.is_empty();
    };
    let Some(mut rest) = name.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty(); // no `*`: exact match
    };
    for m in middle {
        match rest.find(m) {
            Some(i) => rest = rest.get(i + m.len()..).unwrap_or(""),
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// What a resource type is in `class`, if it is (`"database"` for `aws_db_instance`).
#[must_use]
pub fn what(type_: &str, class: Class) -> Option<&'static str> {
    TABLE
        .iter()
        .find(|(p, c, _)| *c == class && glob(p, type_))
        .map(|(_, _, w)| *w)
}

/// Whether a resource type is in `class`.
#[must_use]
pub fn is(type_: &str, class: Class) -> bool {
    what(type_, class).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matches() {
        assert!(glob("aws_iam_*", "aws_iam_role"));
        assert!(glob("google_*_iam_member", "google_project_iam_member"));
        assert!(!glob("google_*_iam_member", "google_project_iam_binding"));
        assert!(glob("aws_s3_bucket", "aws_s3_bucket"));
        assert!(!glob("aws_s3_bucket", "aws_s3_bucket_policy"));
        assert!(glob(
            "azurerm_firewall_*_rule_collection*",
            "azurerm_firewall_network_rule_collection"
        ));
    }

    #[test]
    fn table_classifies_each_cloud() {
        for (t, c, w) in [
            ("aws_db_instance", Class::Stateful, "database"),
            ("aws_s3_bucket", Class::Stateful, "bucket"),
            ("aws_fsx_lustre_file_system", Class::Stateful, "file system"),
            ("google_sql_database_instance", Class::Stateful, "database"),
            ("azurerm_cosmosdb_sql_database", Class::Stateful, "database"),
            ("aws_kms_key", Class::Certificate, "KMS key"),
            ("aws_kms_key", Class::Stateful, "KMS key"),
            (
                "aws_security_group_rule",
                Class::NetworkEdge,
                "security group rule",
            ),
            (
                "google_compute_firewall",
                Class::NetworkEdge,
                "firewall rule",
            ),
            (
                "azurerm_network_security_rule",
                Class::NetworkEdge,
                "network security rule",
            ),
            ("aws_iam_policy", Class::Identity, "IAM"),
            ("aws_s3_bucket_policy", Class::Identity, "resource policy"),
            (
                "google_storage_bucket_iam_member",
                Class::Identity,
                "IAM member",
            ),
            (
                "azurerm_role_assignment",
                Class::Identity,
                "role assignment",
            ),
            ("aws_acm_certificate", Class::Certificate, "certificate"),
            ("tls_private_key", Class::Certificate, "private key"),
            ("aws_route53_record", Class::DnsRecord, "DNS record"),
            ("azurerm_dns_cname_record", Class::DnsRecord, "DNS record"),
        ] {
            assert_eq!(what(t, c), Some(w), "{t} as {c:?}");
        }
        for (t, c) in [
            ("aws_instance", Class::Stateful),
            ("aws_s3_bucket_policy", Class::Stateful),
            ("terraform_data", Class::Stateful),
            ("aws_route53_record", Class::Stateful),
            ("aws_security_group", Class::Identity),
        ] {
            assert_eq!(what(t, c), None, "{t} as {c:?}");
        }
    }
}
