//! Reading one file as text, safely: pipes and devices are reported without being opened,
//! files over a size limit are skipped with their size named, binary files and invalid UTF-8
//! are named with the line where they go wrong. Used by every loader that reads from disk.

use std::fs;
use std::io::Read;
use std::path::Path;

use super::error::{Diagnostic, LoadError};

/// Larger files are skipped with their size as the reason: no real post is this big, and reading
/// one would cost memory and time for nothing (a pasted base64 image, a log).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

fn display(p: &Path) -> String {
    p.display().to_string()
}

/// Read a file as UTF-8 text, with a diagnostic for each way that can fail.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let shown = display(path);
    let io =
        |e: std::io::Error| Diagnostic::error(display(path), None, LoadError::Io(e.to_string()));
    // Opening a FIFO blocks until someone writes to it: look before opening.
    if !fs::metadata(path).map_err(io)?.is_file() {
        return Err(Diagnostic::error(shown, None, LoadError::NotAFile));
    }
    let file = fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown,
            None,
            LoadError::TooLarge {
                size,
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` bounds the read even if the file grows while we read it.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown,
            None,
            LoadError::TooLarge {
                size: bytes.len() as u64,
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    decode(bytes).map_err(|(line, col, err)| Diagnostic::error(shown, line, err).with_column(col))
}

/// Bytes to text: binary files and invalid UTF-8 are named with the line where they go wrong.
pub fn decode(bytes: Vec<u8>) -> Result<String, (Option<usize>, Option<usize>, LoadError)> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err((None, None, LoadError::Binary));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..good]);
        let (line, col) = super::front_matter::line_col(&prefix, prefix.len());
        (Some(line), Some(col), LoadError::InvalidUtf8 { byte: good })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_names_line_of_bad_utf8() {
        let (line, col, e) = decode(b"ok\nab\xffcd".to_vec()).unwrap_err();
        assert_eq!((line, col), (Some(2), Some(3)));
        assert_eq!(e, LoadError::InvalidUtf8 { byte: 5 });
        assert_eq!(decode(b"a\0b".to_vec()).unwrap_err().2, LoadError::Binary);
    }
}
