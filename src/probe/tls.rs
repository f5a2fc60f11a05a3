//! TLS handshakes that record instead of failing: the handshake completes whatever the
//! certificate (signatures over the handshake are still checked), then the chain is verified
//! against the roots (bundled Mozilla roots or `--ca`) and the verdict, protocol version and
//! certificate dates are reported. That is what lets an expired or self-signed certificate be
//! reported with its expiry instead of a bare handshake error.

use std::io;
use std::net::TcpStream;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, RootCertStore, StreamOwned};
use serde::Serialize;

use super::net::{Failure, io_failure, remaining};

/// One certificate, as reported.
#[derive(Clone, Debug, Serialize)]
pub struct CertInfo {
    pub subject: String,
    pub issuer: String,
    /// Unix seconds.
    pub not_before: i64,
    /// Unix seconds.
    pub not_after: i64,
    /// DNS names and IP addresses of the subjectAltName extension.
    pub names: Vec<String>,
}

/// What a TLS handshake showed.
#[derive(Clone, Debug, Serialize)]
pub struct TlsInfo {
    /// `TLS 1.3`, `TLS 1.2`.
    pub version: String,
    pub cipher: String,
    /// The name sent as SNI (none for an IP address).
    pub sni: Option<String>,
    /// The chain (and dates, and name) verified against the roots.
    pub verified: bool,
    /// Why it did not verify.
    pub verify_error: Option<String>,
    /// The leaf names the host (or `sni`).
    pub hostname_match: bool,
    /// `mozilla` (bundled webpki-roots) or the `--ca` file.
    pub roots: String,
    pub leaf: Option<CertInfo>,
    /// Certificates the server sent.
    pub chain_len: usize,
    /// Earliest `notAfter` in the chain the server sent (unix seconds).
    pub earliest_expiry: Option<i64>,
    /// Subject of the certificate with that earliest expiry.
    pub earliest_subject: Option<String>,
}

fn provider() -> Arc<CryptoProvider> {
    static P: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    Arc::clone(P.get_or_init(|| Arc::new(rustls::crypto::ring::default_provider())))
}

/// Accepts any certificate (the verdict is computed after the handshake), but checks that the
/// server holds the key of the certificate it sent.
#[derive(Debug)]
struct RecordLater {
    algs: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for RecordLater {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algs)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algs)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.algs.supported_schemes()
    }
}

fn client_config(alpn_http: bool) -> Result<Arc<ClientConfig>, Failure> {
    static HTTP: OnceLock<Result<Arc<ClientConfig>, String>> = OnceLock::new();
    static RAW: OnceLock<Result<Arc<ClientConfig>, String>> = OnceLock::new();
    let cell = if alpn_http { &HTTP } else { &RAW };
    cell.get_or_init(|| {
        let p = provider();
        let verifier = Arc::new(RecordLater {
            algs: p.signature_verification_algorithms,
        });
        let mut cfg = ClientConfig::builder_with_provider(p)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        // every attempt is a full handshake: honest latency, and the chain is always sent
        cfg.resumption = rustls::client::Resumption::disabled();
        if alpn_http {
            cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
        }
        Ok(Arc::new(cfg))
    })
    .clone()
    .map_err(|e| Failure::Error(format!("TLS setup: {e}")))
}

/// The bundled Mozilla roots.
#[must_use]
pub fn mozilla_roots() -> Arc<RootCertStore> {
    static R: OnceLock<Arc<RootCertStore>> = OnceLock::new();
    Arc::clone(R.get_or_init(|| {
        Arc::new(RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        })
    }))
}

/// Handshake over `tcp` for `host` (or `sni`), within the deadline; then verify the chain.
///
/// # Errors
/// Handshake failure (protocol, alert, reset) or the deadline; certificate problems are not
/// errors here but part of the returned [`TlsInfo`].
pub fn handshake(
    tcp: TcpStream,
    host: &str,
    sni: Option<&str>,
    roots: Option<(&Arc<RootCertStore>, &str)>,
    alpn_http: bool,
    deadline: Instant,
) -> Result<(StreamOwned<ClientConnection, TcpStream>, TlsInfo), Failure> {
    let name_str = sni.unwrap_or(host).to_string();
    let server_name = ServerName::try_from(name_str.clone())
        .map_err(|_| Failure::Error(format!("TLS: `{name_str}` is not a valid server name")))?;
    let cfg = client_config(alpn_http)?;
    let mut conn = ClientConnection::new(cfg, server_name.clone())
        .map_err(|e| Failure::Error(format!("TLS handshake: {e}")))?;
    let mut tcp = tcp;
    while conn.is_handshaking() {
        let left = remaining(deadline, "TLS handshake")?;
        tcp.set_read_timeout(Some(left))
            .and_then(|()| tcp.set_write_timeout(Some(left)))
            .map_err(|e| io_failure(&e, "TLS handshake"))?;
        match conn.complete_io(&mut tcp) {
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                return Err(Failure::Error(format!("TLS handshake: {e}")));
            }
            Err(e) => return Err(io_failure(&e, "TLS handshake")),
        }
    }
    let certs: Vec<CertificateDer<'static>> = conn
        .peer_certificates()
        .unwrap_or(&[])
        .iter()
        .map(|c| c.clone().into_owned())
        .collect();
    let (roots, roots_label) = match roots {
        Some((r, label)) => (Arc::clone(r), label.to_string()),
        None => (mozilla_roots(), "mozilla".to_string()),
    };
    let verify_error = verify(&certs, &server_name, roots);
    let parsed: Vec<CertInfo> = certs.iter().filter_map(|c| cert_info(c)).collect();
    let leaf = parsed.first().cloned();
    let earliest = parsed.iter().min_by_key(|c| c.not_after);
    let hostname_match = certs
        .first()
        .is_some_and(|c| names_host(c.as_ref(), &name_str));
    let info = TlsInfo {
        version: conn
            .protocol_version()
            .map_or_else(|| "unknown".to_string(), version_label),
        cipher: conn
            .negotiated_cipher_suite()
            .map(|s| format!("{:?}", s.suite()))
            .unwrap_or_default(),
        sni: matches!(server_name, ServerName::DnsName(_)).then(|| name_str.clone()),
        verified: verify_error.is_none(),
        verify_error,
        hostname_match,
        roots: roots_label,
        chain_len: certs.len(),
        earliest_expiry: earliest.map(|c| c.not_after),
        earliest_subject: earliest.map(|c| c.subject.clone()),
        leaf,
    };
    Ok((StreamOwned::new(conn, tcp), info))
}

fn version_label(v: rustls::ProtocolVersion) -> String {
    match v {
        rustls::ProtocolVersion::TLSv1_3 => "TLS 1.3".to_string(),
        rustls::ProtocolVersion::TLSv1_2 => "TLS 1.2".to_string(),
        other => format!("{other:?}"),
    }
}

fn verify(
    certs: &[CertificateDer<'static>],
    name: &ServerName<'static>,
    roots: Arc<RootCertStore>,
) -> Option<String> {
    let Some((leaf, intermediates)) = certs.split_first() else {
        return Some("the server sent no certificate".to_string());
    };
    if roots.is_empty() {
        return Some("no trust anchors".to_string());
    }
    let verifier = match WebPkiServerVerifier::builder_with_provider(roots, provider()).build() {
        Ok(v) => v,
        Err(e) => return Some(e.to_string()),
    };
    match verifier.verify_server_cert(leaf, intermediates, name, &[], UnixTime::now()) {
        Ok(_) => None,
        Err(e) => Some(describe_cert_error(&e)),
    }
}

fn describe_cert_error(e: &rustls::Error) -> String {
    use rustls::CertificateError as C;
    match e {
        rustls::Error::InvalidCertificate(c) => match c {
            C::Expired | C::ExpiredContext { .. } => "certificate expired".to_string(),
            C::NotValidYet | C::NotValidYetContext { .. } => {
                "certificate not valid yet".to_string()
            }
            C::UnknownIssuer => "certificate not trusted (unknown issuer)".to_string(),
            C::NotValidForName | C::NotValidForNameContext { .. } => {
                "certificate not valid for the host name".to_string()
            }
            C::BadSignature => "certificate has a bad signature".to_string(),
            C::Revoked => "certificate revoked".to_string(),
            C::Other(o) => format!("certificate rejected: {o}"),
            other => format!("certificate rejected: {other:?}"),
        },
        other => other.to_string(),
    }
}

fn cert_info(der: &CertificateDer<'_>) -> Option<CertInfo> {
    let (_, cert) = x509_parser::parse_x509_certificate(der.as_ref()).ok()?;
    let names = san_names(&cert);
    Some(CertInfo {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        not_before: cert.validity().not_before.timestamp(),
        not_after: cert.validity().not_after.timestamp(),
        names,
    })
}

fn san_names(cert: &x509_parser::certificate::X509Certificate<'_>) -> Vec<String> {
    use x509_parser::extensions::GeneralName;
    let Ok(Some(san)) = cert.subject_alternative_name() else {
        return Vec::new();
    };
    san.value
        .general_names
        .iter()
        .filter_map(|g| match g {
            GeneralName::DNSName(d) => Some((*d).to_string()),
            GeneralName::IPAddress(b) => ip_from_bytes(b).map(|ip| ip.to_string()),
            _ => None,
        })
        .collect()
}

fn ip_from_bytes(b: &[u8]) -> Option<std::net::IpAddr> {
    if let Ok(a) = <[u8; 4]>::try_from(b) {
        return Some(std::net::IpAddr::from(a));
    }
    <[u8; 16]>::try_from(b).ok().map(std::net::IpAddr::from)
}

/// Whether the certificate's subjectAltName covers `host` (DNS name with a single left-most
/// wildcard label, or IP address).
fn names_host(der: &[u8], host: &str) -> bool {
    let Ok((_, cert)) = x509_parser::parse_x509_certificate(der) else {
        return false;
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host_ip = host.parse::<std::net::IpAddr>().ok();
    san_names(&cert).iter().any(|n| {
        if let Some(ip) = host_ip {
            return n.parse::<std::net::IpAddr>().ok() == Some(ip);
        }
        dns_matches(&n.to_ascii_lowercase(), &host)
    })
}

fn dns_matches(pattern: &str, host: &str) -> bool {
    let pattern = pattern.trim_end_matches('.');
    if let Some(suffix) = pattern.strip_prefix("*.") {
        return host
            .split_once('.')
            .is_some_and(|(first, rest)| !first.is_empty() && rest == suffix);
    }
    pattern == host
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(dns_matches("*.example.com", "api.example.com"));
        assert!(!dns_matches("*.example.com", "a.b.example.com"));
        assert!(!dns_matches("*.example.com", "example.com"));
        assert!(dns_matches("example.com.", "example.com"));
    }
}
