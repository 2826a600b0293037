//! Cell addresses as a spreadsheet shows them (`D14`), from zero-based row and column numbers.

/// `(13, 3)` → `D14`: the column in letters (`A`…`Z`, `AA`…), the row counted from 1.
pub fn cell_address(row: u32, column: u32) -> String {
    format!("{}{}", column_letters(column), u64::from(row) + 1)
}

fn column_letters(column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        // `rest` is below 26, so the byte is an ASCII capital.
        letters.push(char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_as_in_a_spreadsheet() {
        assert_eq!(cell_address(0, 0), "A1");
        assert_eq!(cell_address(13, 3), "D14");
        assert_eq!(cell_address(0, 25), "Z1");
        assert_eq!(cell_address(0, 26), "AA1");
        assert_eq!(cell_address(9, 701), "ZZ10");
        assert_eq!(cell_address(0, 702), "AAA1");
    }
}
