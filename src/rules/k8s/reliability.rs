//! Helpers shared by the K8S040–K8S069 rules: base64 decoding and placeholder detection for
//! Secret values.

/// Decode base64 (padding optional, ASCII whitespace ignored); see
/// [`crate::util::decode_base64`].
#[must_use]
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    crate::util::decode_base64(text.as_bytes())
}

/// Whether a secret value is obviously not a real secret: empty, a template, `<...>`,
/// `changeme`, `REPLACE_ME`, `xxx`, `****` and the like.
#[must_use]
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() || v.contains("${") || v.contains("{{") {
        return true;
    }
    if v.starts_with('<') && v.ends_with('>') {
        return true;
    }
    let mut chars = v.chars();
    if let Some(first) = chars.next()
        && chars.all(|c| c == first)
        && !first.is_ascii_digit()
    {
        // `xxx`, `****`, `...`
        return v.chars().count() > 1 || matches!(first, 'x' | 'X' | '*' | '.' | '-' | '_');
    }
    let lower: String = v
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "changeme"
            | "changeit"
            | "replaceme"
            | "replace"
            | "todo"
            | "tbd"
            | "fixme"
            | "placeholder"
            | "dummy"
            | "example"
            | "redacted"
            | "none"
            | "null"
            | "secret"
            | "password"
            | "yoursecret"
            | "yourpassword"
            | "setme"
    )
}

/// The job spec of a Job (`spec`) or CronJob (`spec.jobTemplate.spec`).
#[must_use]
pub fn job_spec(obj: &crate::model::k8s::Object) -> Option<&crate::parse::yaml::Node> {
    let path: &[&str] = match obj.kind.as_str() {
        "Job" => &["spec"],
        "CronJob" => &["spec", "jobTemplate", "spec"],
        _ => return None,
    };
    obj.node.path(path).filter(|n| n.as_map().is_some())
}

/// The repository's last path segment of an image reference, lower-cased, without tag or
/// digest: `docker.io/bitnami/postgresql:16@sha256:..` → `postgresql`.
#[must_use]
pub fn image_base_name(image: &str) -> String {
    let no_digest = image.split('@').next().unwrap_or(image);
    let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
    last.split(':').next().unwrap_or(last).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::{decode_base64, image_base_name, is_placeholder};

    #[test]
    fn image_names() {
        assert_eq!(
            image_base_name("docker.io/bitnami/PostgreSQL:16@sha256:ab"),
            "postgresql"
        );
        assert_eq!(image_base_name("localhost:5000/redis"), "redis");
        assert_eq!(image_base_name("mongo"), "mongo");
    }

    #[test]
    fn base64() {
        assert_eq!(decode_base64("aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(decode_base64("aGVsbG8").as_deref(), Some(&b"hello"[..]));
        assert_eq!(decode_base64("").as_deref(), Some(&b""[..]));
        assert_eq!(decode_base64("not base64!"), None);
        assert_eq!(decode_base64("a"), None);
    }

    #[test]
    fn placeholders() {
        for p in [
            "",
            "  ",
            "changeme",
            "CHANGE_ME",
            "<password>",
            "${DB_PASS}",
            "xxx",
            "****",
            "REPLACE_ME",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for s in ["hunter2", "s3cr3t-Pa55", "0000", "a"] {
            assert!(!is_placeholder(s), "{s}");
        }
    }
}
