//! The session's secrets: the join code, the facilitator's token, the participants' keys
//! and the forms' CSRF tokens, all from the system's randomness, compared in constant time.

use subtle::ConstantTimeEq;

/// The letters and digits of a join code: no look-alikes (no 0/O, 1/I/L), so that a code
/// read from a projector is typed right.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// The length of a join code: 31^6, about 887 million codes; with the rate limit a guess
/// takes years.
pub const CODE_LENGTH: usize = 6;

/// Random bytes, or the reason there are none.
fn random<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)?;
    Ok(bytes)
}

/// A join code: six letters and digits without look-alikes.
pub fn join_code() -> Result<String, getrandom::Error> {
    // Rejection sampling: 248 = 8 × 31, so every letter is equally likely.
    let mut code = String::with_capacity(CODE_LENGTH);
    while code.len() < CODE_LENGTH {
        for byte in random::<16>()? {
            if usize::from(byte) < 8 * CODE_ALPHABET.len() && code.len() < CODE_LENGTH {
                code.push(char::from(
                    CODE_ALPHABET[usize::from(byte) % CODE_ALPHABET.len()],
                ));
            }
        }
    }
    Ok(code)
}

/// A secret of 128 bits as 32 lower-case hex digits: the facilitator's token, a CSRF
/// token, a participant's key.
pub fn token() -> Result<String, getrandom::Error> {
    Ok(hex(&random::<16>()?))
}

/// A short public id of 32 bits as 8 hex digits: finds a participant before the secret
/// part of the key is compared.
pub fn id() -> Result<String, getrandom::Error> {
    Ok(hex(&random::<4>()?))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether two secrets are equal, in a time that does not depend on where they differ.
/// (Their lengths are not secret: every token has the same length.)
pub fn same(given: &str, secret: &str) -> bool {
    given.len() == secret.len() && bool::from(given.as_bytes().ct_eq(secret.as_bytes()))
}

/// A join code as typed: spaces dropped, upper case.
pub fn typed_code(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_use_the_alphabet_and_differ() {
        let a = join_code().unwrap();
        let b = join_code().unwrap();
        assert_eq!(a.len(), CODE_LENGTH);
        assert!(a.bytes().all(|c| CODE_ALPHABET.contains(&c)));
        // 887 million codes: two equal ones in a row mean the randomness is broken.
        assert_ne!(a, b);
        let t = token().unwrap();
        assert_eq!(t.len(), 32);
        assert!(t.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(t, token().unwrap());
    }

    #[test]
    fn comparison_needs_every_byte() {
        let secret = "0123456789abcdef0123456789abcdef";
        assert!(same(secret, secret));
        assert!(!same("0123456789abcdef0123456789abcdee", secret));
        assert!(!same("1123456789abcdef0123456789abcdef", secret));
        assert!(!same("0123456789abcdef", secret));
        assert!(!same("", secret));
        assert_eq!(typed_code(" ab3 k-9x "), "AB3K9X");
    }
}
