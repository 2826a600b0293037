//! Text read from hostile files made safe to print: the lowest layer of the crate, used by the
//! certificate reader, the revision analysis and the verifier alike.

/// Replaces control characters with `\u{…}` escapes, so that a name read from a hostile file
/// (a certificate subject, an attachment name) can never rewrite the terminal or the screen.
pub fn escape_control_characters(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        if character.is_control()
            || matches!(character, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        {
            escaped.push_str(&character.escape_unicode().to_string());
        } else {
            escaped.push(character);
        }
    }
    escaped
}
