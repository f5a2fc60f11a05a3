//! The docker-compose model: services with their spans (merge keys already resolved by the
//! YAML layer, so `<<: *defaults` services see the shared keys).

use crate::parse::yaml::{Node, YamlFile};
use crate::source::Span;

/// One service of a compose file.
#[derive(Clone, Copy, Debug)]
pub struct Service<'a> {
    pub name: &'a str,
    /// Span of the service's key (where service-level findings point).
    pub name_span: Span,
    pub node: &'a Node,
}

impl<'a> Service<'a> {
    /// A top-level key of the service.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    /// `image:` as a string.
    #[must_use]
    pub fn image(&self) -> Option<&'a str> {
        self.node.get("image").and_then(Node::as_str)
    }
}

/// The services of a compose file (first document), in file order.
#[must_use]
pub fn services(file: &YamlFile) -> Vec<Service<'_>> {
    let Some(doc) = file.docs.first() else {
        return Vec::new();
    };
    doc.root
        .get("services")
        .map(Node::iter_map)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| {
            Some(Service {
                name: k.as_str()?,
                name_span: k.span,
                node: v,
            })
        })
        .filter(|s| s.node.as_map().is_some())
        .collect()
}

/// Whether a document looks like a compose file: a top-level `services` mapping whose entries
/// have compose-shaped keys.
#[must_use]
pub fn is_compose(root: &Node) -> bool {
    root.get("services").is_some_and(|s| {
        s.iter_map().any(|(_, v)| {
            ["image", "build", "extends"]
                .iter()
                .any(|k| v.get(k).is_some())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::yaml;

    #[test]
    fn services_with_merge_keys() {
        let src = "x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx:1.25\n  db:\n    image: postgres:16\n";
        let file = yaml::parse(src);
        assert!(is_compose(&file.docs[0].root));
        let s = services(&file);
        assert_eq!(s.iter().map(|s| s.name).collect::<Vec<_>>(), ["web", "db"]);
        assert_eq!(s[0].get("restart").and_then(Node::as_str), Some("always"));
        assert_eq!(s[0].image(), Some("nginx:1.25"));
        assert_eq!(&src[s[1].name_span.range()], "db");
    }
}
