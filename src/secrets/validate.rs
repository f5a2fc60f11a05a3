//! Structural checks for detectors (`Detector::validate`): a match whose bytes do not have
//! the shape of a real credential is dropped. Pure functions over the secret's bytes.

/// Decode standard or URL-safe base64 (padding optional, no whitespace: a secret's bytes are
/// one token). `None` when the bytes are not base64; see [`crate::util::decode_base64`].
#[must_use]
pub fn base64_decode(input: &[u8]) -> Option<Vec<u8>> {
    if input.iter().any(u8::is_ascii_whitespace) {
        return None;
    }
    crate::util::decode_base64(input)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// A JWT: the header (first dot-separated part) base64url-decodes to a JSON object that
/// names its `alg`.
#[must_use]
pub fn jwt(secret: &[u8]) -> bool {
    let Some(header) = secret.split(|b| *b == b'.').next() else {
        return false;
    };
    let Some(json) = base64_decode(header) else {
        return false;
    };
    let trimmed: Vec<u8> = json
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    trimmed.first() == Some(&b'{')
        && trimmed.last() == Some(&b'}')
        && contains(&trimmed, b"\"alg\":")
}

/// A Docker registry `auth` value: base64 of `user:password`, printable, with a user and a
/// password that is not a placeholder ([`real_password`]).
#[must_use]
pub fn docker_auth(secret: &[u8]) -> bool {
    let Some(plain) = base64_decode(secret) else {
        return false;
    };
    let Some(colon) = plain.iter().position(|b| *b == b':') else {
        return false;
    };
    colon > 0
        && plain.iter().all(|b| b.is_ascii_graphic() || *b == b' ')
        && plain
            .get(colon + 1..)
            .is_some_and(|p| !p.is_empty() && real_password(p))
}

/// A kubeconfig `client-key-data` value: base64 of a PEM private key.
#[must_use]
pub fn base64_pem_private_key(secret: &[u8]) -> bool {
    base64_decode(secret)
        .is_some_and(|pem| pem.starts_with(b"-----BEGIN") && contains(&pem, b"PRIVATE KEY-----"))
}

/// Base64 that decodes to exactly `len` bytes (random key material of a known size).
fn decodes_to(secret: &[u8], len: usize) -> bool {
    base64_decode(secret).is_some_and(|raw| raw.len() == len)
}

/// An Azure storage account key: base64 of 64 random bytes.
#[must_use]
pub fn azure_storage_key(secret: &[u8]) -> bool {
    decodes_to(secret, 64)
}

/// A literal that looks machine-generated or like a real password rather than a word,
/// an identifier or a pattern: at least two character classes (lower, upper, digit, other),
/// at least five distinct bytes, and not a run of consecutive characters (`12345678`,
/// `abcdefgh`).
#[must_use]
pub fn random_looking(secret: &[u8]) -> bool {
    let lower = secret.iter().any(u8::is_ascii_lowercase);
    let upper = secret.iter().any(u8::is_ascii_uppercase);
    let digit = secret.iter().any(u8::is_ascii_digit);
    let other = secret.iter().any(|b| !b.is_ascii_alphanumeric());
    let classes = [lower, upper, digit, other].iter().filter(|c| **c).count();
    let mut seen = [false; 256];
    for &b in secret {
        if let Some(s) = seen.get_mut(usize::from(b)) {
            *s = true;
        }
    }
    let distinct = seen.iter().filter(|s| **s).count();
    let sequential = secret
        .windows(2)
        .all(|w| matches!(w, [a, b] if b.wrapping_sub(*a) == 1));
    classes >= 2 && distinct >= 5 && !sequential
}

/// The value of a credential-named setting (the generic rule): [`random_looking`], and if it
/// is base64 of printable text (a Kubernetes Secret `data:` value), the decoded text must
/// itself be a [`real_password`] without placeholder words (`Y2hhbmdlbWU=` is `changeme`).
#[must_use]
pub fn generic_literal(secret: &[u8]) -> bool {
    // `$VAR`, `$(cmd)`: a reference, not a literal
    if secret.first() == Some(&b'$') || !random_looking(secret) {
        return false;
    }
    let decoded = base64_decode(secret)
        .filter(|d| d.len() >= 4 && d.iter().all(|b| b.is_ascii_graphic() || *b == b' '));
    match decoded {
        Some(text) => {
            let lower = text.to_ascii_lowercase();
            real_password(&text) && !PLACEHOLDER_WORDS.iter().any(|w| contains(&lower, w))
        }
        None => true,
    }
}

/// Words that mark a value as a placeholder wherever they occur in it.
const PLACEHOLDER_WORDS: &[&[u8]] = &[
    b"changeme",
    b"change_me",
    b"example",
    b"placeholder",
    b"redacted",
    b"dummy",
    b"xxxx",
];

/// A password in a URL or config file that is not a placeholder: not a variable reference
/// (`$VAR`, `${VAR}`, `%(var)s`, `{{ var }}`, `<var>`), not a run of one character, and not
/// a word people write in documentation for a password.
#[must_use]
pub fn real_password(secret: &[u8]) -> bool {
    let lower = secret.to_ascii_lowercase();
    if matches!(lower.first(), Some(b'$' | b'<' | b'{' | b'%'))
        || contains(&lower, b"${")
        || contains(&lower, b"{{")
        || lower.windows(2).all(|w| matches!(w, [a, b] if a == b))
    {
        return false;
    }
    const WORDS: &[&[u8]] = &[
        b"password",
        b"passwd",
        b"pass",
        b"pwd",
        b"secret",
        b"changeme",
        b"changeit",
        b"example",
        b"placeholder",
        b"redacted",
        b"dummy",
        b"test",
        b"user",
        b"username",
        b"admin",
        b"root",
        b"postgres",
        b"mysql",
        b"guest",
        b"mongo",
        b"redis",
        b"foo",
        b"bar",
        b"foobar",
        b"xxx",
        b"***",
    ];
    !WORDS.iter().any(|w| lower == *w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_known_values() {
        assert_eq!(base64_decode(b"aGVsbG8=").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64_decode(b"aGVsbG8").as_deref(), Some(&b"hello"[..]));
        assert_eq!(base64_decode(b"-_8").as_deref(), Some(&[0xfb, 0xff][..]));
        assert!(base64_decode(b"a").is_none());
        assert!(base64_decode(b"ab!c").is_none());
        assert!(base64_decode(b"ab=c").is_none());
    }

    #[test]
    fn jwt_header_must_name_alg() {
        // {"alg":"HS256","typ":"JWT"}
        assert!(jwt(
            b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2ln"
        ));
        // {"typ":"JWT"}
        assert!(!jwt(b"eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiIxIn0.c2ln"));
        assert!(!jwt(b"eyJnotbase64!.x.y"));
    }

    #[test]
    fn docker_auth_needs_user_and_password() {
        assert!(docker_auth(b"ZGVwbG95OnMzY3JldC1wYXNz")); // deploy:s3cret-pass
        assert!(!docker_auth(b"ZGVwbG95")); // deploy
        assert!(!docker_auth(b"OnMzY3JldA==")); // :s3cret
        assert!(!docker_auth(b"dXNlcjpwYXNzd29yZA==")); // user:password
    }

    #[test]
    fn random_looking_rejects_words_and_runs() {
        assert!(random_looking(b"f9Kq2Lx7Vb"));
        assert!(!random_looking(b"production"));
        assert!(!random_looking(b"12345678"));
        assert!(!random_looking(b"aaaa1111"));
    }

    #[test]
    fn generic_literal_judges_base64_by_its_plain_text() {
        assert!(generic_literal(b"f9Kq2Lx7Vb"));
        assert!(!generic_literal(b"Y2hhbmdlbWU=")); // changeme
        assert!(!generic_literal(b"$DB_PASSWORD"));
        assert!(generic_literal(b"Xk9$mQ2!vL7#"));
        assert!(generic_literal(b"aHVudGVyMi1wcm9kLTIwMjQ=")); // hunter2-prod-2024
    }

    #[test]
    fn real_password_rejects_placeholders() {
        assert!(real_password(b"Zt7!qLp9w"));
        for p in [
            &b"${DB_PASSWORD}"[..],
            b"$DB_PASSWORD",
            b"<password>",
            b"{{ .Values.pw }}",
            b"%(password)s",
            b"changeme",
            b"xxxxxx",
            b"postgres",
        ] {
            assert!(!real_password(p), "{}", String::from_utf8_lossy(p));
        }
    }
}
