//! A bounded BER → DER normaliser for the CMS containers other tools write, and a reader of the
//! raw bytes of one DER element.
//!
//! Older signers (Acrobat's PKCS#7, Java libraries) write CMS in BER: constructed values of
//! indefinite length closed by `00 00`, lengths in a longer form than needed, octet strings cut
//! into pieces. The DER decoder refuses them, so the container is first rewritten with definite,
//! minimal lengths and whole octet strings. This is parsing, not cryptography: nothing signed
//! changes meaning, and an element that was already DER (the signed attributes, as a rule) keeps
//! its bytes exactly, so that the signature is checked over the bytes as transmitted.

/// Constructed values nest a few levels deep in CMS; deeper is hostile.
const MAX_DEPTH: usize = 64;
/// Elements in one container: a CMS with its certificate chain has a few thousand.
const MAX_ELEMENTS: usize = 200_000;

const TAG_OCTET_STRING: u8 = 0x04;
const CONSTRUCTED: u8 = 0x20;

/// A container rewritten as DER.
#[derive(Debug)]
pub(crate) struct Normalised {
    /// The outer element only: `/Contents` is padded with zeros after it.
    pub der: Vec<u8>,
    /// Whether anything had to be rewritten: the container was not DER as transmitted.
    pub rewritten: bool,
}

/// Rewrites the BER element at the start of `input` as DER, or `None` when it is not BER.
pub(crate) fn normalise(input: &[u8]) -> Option<Normalised> {
    let mut reader = Reader { input, elements: 0 };
    let mut der = Vec::with_capacity(input.len());
    let consumed = reader.element(0, 0, &mut der)?;
    let rewritten = der.as_slice() != &input[..consumed];
    Some(Normalised { der, rewritten })
}

struct Reader<'a> {
    input: &'a [u8],
    elements: usize,
}

/// A length as BER writes it: definite, or open until an end-of-contents marker.
enum Length {
    Definite(usize),
    Indefinite,
}

impl Reader<'_> {
    /// Reads the element starting at `at`, appends its DER to `out`, returns where it ends.
    fn element(&mut self, at: usize, depth: usize, out: &mut Vec<u8>) -> Option<usize> {
        self.elements += 1;
        if depth > MAX_DEPTH || self.elements > MAX_ELEMENTS {
            return None;
        }
        let (tag, after_tag) = read_tag(self.input, at)?;
        let (length, content_start) = read_length(self.input, after_tag)?;
        let constructed = tag[0] & CONSTRUCTED != 0;
        if !constructed {
            let Length::Definite(length) = length else {
                return None;
            };
            let end = content_start.checked_add(length)?;
            let content = self.input.get(content_start..end)?;
            out.extend_from_slice(&tag);
            write_length(content.len(), out);
            out.extend_from_slice(content);
            return Some(end);
        }
        let mut content = Vec::new();
        let mut cursor = content_start;
        let end = match length {
            Length::Definite(length) => {
                let end = content_start.checked_add(length)?;
                if end > self.input.len() {
                    return None;
                }
                while cursor < end {
                    cursor = self.element(cursor, depth + 1, &mut content)?;
                }
                (cursor == end).then_some(end)?
            }
            Length::Indefinite => loop {
                if self.input.get(cursor..cursor + 2)? == [0, 0] {
                    break cursor + 2;
                }
                cursor = self.element(cursor, depth + 1, &mut content)?;
            },
        };
        if tag == [TAG_OCTET_STRING | CONSTRUCTED] {
            // A constructed octet string is its pieces' bytes put together (X.690 §8.7.3).
            let mut whole = Vec::with_capacity(content.len());
            let mut piece = 0;
            while piece < content.len() {
                let (piece_tag, after_tag) = read_tag(&content, piece)?;
                let (Length::Definite(length), start) = read_length(&content, after_tag)? else {
                    return None;
                };
                if piece_tag != [TAG_OCTET_STRING] {
                    return None;
                }
                whole.extend_from_slice(content.get(start..start + length)?);
                piece = start + length;
            }
            out.push(TAG_OCTET_STRING);
            write_length(whole.len(), out);
            out.extend_from_slice(&whole);
        } else {
            if is_set(tag[0]) {
                content = without_repeats(&content)?;
            }
            out.extend_from_slice(&tag);
            write_length(content.len(), out);
            out.extend_from_slice(&content);
        }
        Some(end)
    }
}

/// A SET OF, or a context-specific constructed `[0]`/`[1]` (which CMS uses for its implicitly
/// tagged sets: certificates, CRLs, attributes).
fn is_set(tag: u8) -> bool {
    matches!(tag, 0x31 | 0xa0 | 0xa1)
}

/// The elements of a set with byte-for-byte repeats left out: some signers embed the signer
/// certificate twice, which a DER decoder refuses as a duplicate. Nothing else changes.
fn without_repeats(content: &[u8]) -> Option<Vec<u8>> {
    let mut seen: Vec<&[u8]> = Vec::new();
    let mut kept = Vec::with_capacity(content.len());
    let mut at = 0;
    while at < content.len() {
        let (_, after_tag) = read_tag(content, at)?;
        let (Length::Definite(length), start) = read_length(content, after_tag)? else {
            return None;
        };
        let end = start.checked_add(length)?;
        let element = content.get(at..end)?;
        if !seen.contains(&element) {
            seen.push(element);
            kept.extend_from_slice(element);
        }
        at = end;
    }
    Some(kept)
}

/// The identifier octets at `at` (one, or more for tag numbers above 30).
fn read_tag(input: &[u8], at: usize) -> Option<(Vec<u8>, usize)> {
    let first = *input.get(at)?;
    let mut end = at + 1;
    if first & 0x1f == 0x1f {
        loop {
            let byte = *input.get(end)?;
            end += 1;
            if byte & 0x80 == 0 {
                break;
            }
            if end - at > 6 {
                return None;
            }
        }
    }
    Some((input[at..end].to_vec(), end))
}

fn read_length(input: &[u8], at: usize) -> Option<(Length, usize)> {
    let first = *input.get(at)?;
    if first < 0x80 {
        return Some((Length::Definite(usize::from(first)), at + 1));
    }
    if first == 0x80 {
        return Some((Length::Indefinite, at + 1));
    }
    let count = usize::from(first & 0x7f);
    if count > 4 {
        return None;
    }
    let bytes = input.get(at + 1..at + 1 + count)?;
    let length = bytes
        .iter()
        .fold(0usize, |acc, byte| (acc << 8) | usize::from(*byte));
    Some((Length::Definite(length), at + 1 + count))
}

fn write_length(length: usize, out: &mut Vec<u8>) {
    if length < 0x80 {
        out.push(length as u8);
        return;
    }
    let bytes = length.to_be_bytes();
    let skip = bytes.iter().take_while(|byte| **byte == 0).count();
    out.push(0x80 | (bytes.len() - skip) as u8);
    out.extend_from_slice(&bytes[skip..]);
}

/// One DER element inside a buffer: its tag byte and where its bytes lie.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Element {
    pub tag: u8,
    /// The whole element, identifier and length included.
    pub start: usize,
    pub content_start: usize,
    pub end: usize,
}

/// The element at `at` in a DER buffer.
pub(crate) fn element_at(der: &[u8], at: usize) -> Option<Element> {
    let (tag, after_tag) = read_tag(der, at)?;
    let (Length::Definite(length), content_start) = read_length(der, after_tag)? else {
        return None;
    };
    let end = content_start.checked_add(length)?;
    (end <= der.len()).then_some(Element {
        tag: tag[0],
        start: at,
        content_start,
        end,
    })
}

/// The elements directly inside a constructed one.
pub(crate) fn children(der: &[u8], parent: Element) -> Option<Vec<Element>> {
    let mut found = Vec::new();
    let mut cursor = parent.content_start;
    while cursor < parent.end {
        let child = element_at(der, cursor)?;
        if child.end > parent.end {
            return None;
        }
        cursor = child.end;
        found.push(child);
    }
    Some(found)
}

/// The certificate choices CMS keeps only for compatibility (RFC 5652 §10.2.2): PKCS#6
/// extended certificates `[0]` and attribute certificates `[1]` v1 and `[2]` v2. Some timestamp
/// authorities still put an attribute certificate beside theirs; no signer is one of them.
const OBSOLETE_CERTIFICATE_CHOICES: [u8; 3] = [0xA0, 0xA1, 0xA2];

/// The same DER `ContentInfo` with the obsolete certificate choices left out of its SignedData's
/// `certificates`, or `None` when it has none (or is not shaped as a SignedData). The
/// certificates are not signed: leaving some out changes nothing a signature covers, and the
/// signer's own certificate, a plain one, stays.
pub(crate) fn without_obsolete_certificates(der: &[u8]) -> Option<Vec<u8>> {
    let content_info = element_at(der, 0)?;
    let [content_type, explicit] = children(der, content_info)?[..] else {
        return None;
    };
    let signed_data = element_at(der, explicit.content_start)?;
    let fields = children(der, signed_data)?;
    let mut body = Vec::with_capacity(signed_data.end - signed_data.content_start);
    let mut dropped = false;
    for field in &fields {
        if field.tag != 0xA0 {
            body.extend_from_slice(&der[field.start..field.end]);
            continue;
        }
        let mut kept = Vec::new();
        for choice in children(der, *field)? {
            if OBSOLETE_CERTIFICATE_CHOICES.contains(&choice.tag) {
                dropped = true;
            } else {
                kept.extend_from_slice(&der[choice.start..choice.end]);
            }
        }
        body.push(field.tag);
        write_length(kept.len(), &mut body);
        body.extend_from_slice(&kept);
    }
    if !dropped {
        return None;
    }
    let mut signed_data_der = vec![signed_data.tag];
    write_length(body.len(), &mut signed_data_der);
    signed_data_der.extend_from_slice(&body);
    let mut inner = der[content_type.start..content_type.end].to_vec();
    inner.push(explicit.tag);
    write_length(signed_data_der.len(), &mut inner);
    inner.extend_from_slice(&signed_data_der);
    let mut out = vec![content_info.tag];
    write_length(inner.len(), &mut out);
    out.extend_from_slice(&inner);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indefinite_lengths_and_pieced_octet_strings_become_der() {
        // SEQUENCE (indefinite) { OCTET STRING (constructed, indefinite) { "ab", "c" }, NULL }
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00, 0x00, 0x05,
            0x00, 0x00, 0x00, 0xff,
        ];
        let normalised = normalise(&ber).unwrap();
        assert_eq!(
            normalised.der,
            [0x30, 0x07, 0x04, 0x03, b'a', b'b', b'c', 0x05, 0x00]
        );
        assert!(normalised.rewritten);
    }

    #[test]
    fn repeated_set_elements_are_kept_once() {
        // SET { NULL, INTEGER 1, NULL }: a certificate embedded twice, in miniature.
        let ber = [0x31, 0x07, 0x05, 0x00, 0x02, 0x01, 0x01, 0x05, 0x00];
        let normalised = normalise(&ber).unwrap();
        assert_eq!(normalised.der, [0x31, 0x05, 0x05, 0x00, 0x02, 0x01, 0x01]);
        assert!(normalised.rewritten);
    }

    #[test]
    fn der_is_kept_byte_for_byte() {
        let der = [0x30, 0x05, 0x04, 0x01, 0x61, 0x05, 0x00, 0, 0, 0];
        let normalised = normalise(&der).unwrap();
        assert_eq!(normalised.der, der[..7]);
        assert!(!normalised.rewritten);
    }

    #[test]
    fn hostile_nesting_and_truncation_are_refused() {
        let deep: Vec<u8> = std::iter::repeat_n([0x30, 0x80], 200).flatten().collect();
        assert!(normalise(&deep).is_none());
        assert!(normalise(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_none());
        assert!(normalise(&[0x30, 0x80, 0x05, 0x00]).is_none());
    }
}
