//! Finding the card images under the folders a user names.
//!
//! A file is a card when its first bytes are those of an image format we
//! decode (JPEG, PNG, TIFF, WebP, BMP), whatever its name; a file with an
//! image extension is taken too even when its content is not an image, so
//! that a broken `IMG_0042.jpg` is reported rather than silently ignored.
//! Hidden files and folders (`.name`) are skipped; symbolic links are
//! followed, and a link back to an ancestor (a loop) is reported and
//! skipped. Folders are visited in sorted order, so the inputs, and every
//! output built from them, are the same on every run.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One image to scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path to open: the folder as given joined with `rel`.
    pub path: PathBuf,
    /// The path relative to the folder given on the command line,
    /// `/`-separated (the file name for a file given directly). Used for
    /// `--shard` and for naming per-card output files.
    pub rel: String,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Found {
    /// The images, in order: each argument in turn, files within a folder
    /// sorted by name.
    pub inputs: Vec<Input>,
    /// Things skipped that a user may want to know about (unreadable
    /// folders, symlink loops), one message each, naming the path.
    pub warnings: Vec<String>,
}

/// Extensions of the formats `preprocess::load` decodes.
const IMAGE_EXTENSIONS: [&str; 7] = ["jpg", "jpeg", "png", "tif", "tiff", "webp", "bmp"];

/// Finds the images under each root (folders searched recursively; a file
/// named directly is always taken). A root that does not exist is an error.
pub fn find_images(roots: &[PathBuf]) -> Result<Found, String> {
    let mut found = Found::default();
    for root in roots {
        let meta = std::fs::metadata(root)
            .map_err(|e| format!("{}: {}", root.display(), io_reason(&e)))?;
        if !meta.is_dir() {
            let rel = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| root.display().to_string());
            found.inputs.push(Input {
                path: root.clone(),
                rel,
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(root).display().to_string();
                    let why = if e.loop_ancestor().is_some() {
                        "symbolic link loop, skipped".to_string()
                    } else {
                        e.io_error().map_or_else(|| e.to_string(), io_reason)
                    };
                    found.warnings.push(format!("{path}: {why}"));
                    continue;
                }
            };
            if !entry.file_type().is_file() || !is_image(entry.path()) {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            found.inputs.push(Input {
                path: entry.into_path(),
                rel,
            });
        }
    }
    Ok(found)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// True when the file starts like an image we can decode, or is named like
/// one.
pub fn is_image(path: &Path) -> bool {
    let mut head = [0u8; 32];
    let n = std::fs::File::open(path)
        .and_then(|mut f| read_up_to(&mut f, &mut head))
        .unwrap_or(0);
    let by_content = image::guess_format(&head[..n])
        .map(|f| f.reading_enabled())
        .unwrap_or(false);
    by_content || has_image_extension(path)
}

fn has_image_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn read_up_to(f: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0";

    fn rels(found: &Found) -> Vec<&str> {
        found.inputs.iter().map(|i| i.rel.as_str()).collect()
    }

    #[test]
    fn finds_images_by_content_sorted_skipping_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("b/deeper")).unwrap();
        fs::create_dir_all(d.join(".git")).unwrap();
        fs::write(d.join("b/deeper/IMG_2"), JPEG).unwrap(); // no extension
        fs::write(d.join("b/card.dat"), PNG).unwrap(); // wrong extension
        fs::write(d.join("a.png"), PNG).unwrap();
        fs::write(d.join("broken.jpg"), b"not really").unwrap();
        fs::write(d.join("notes.txt"), b"hello").unwrap();
        fs::write(d.join("labels.json"), b"[]").unwrap();
        fs::write(d.join(".hidden.png"), PNG).unwrap();
        fs::write(d.join(".git/x.png"), PNG).unwrap();
        fs::write(d.join("empty.bin"), b"").unwrap();
        let found = find_images(&[d.to_path_buf()]).unwrap();
        assert_eq!(
            rels(&found),
            ["a.png", "b/card.dat", "b/deeper/IMG_2", "broken.jpg"]
        );
        assert_eq!(found.inputs[0].path, d.join("a.png"));
        assert!(found.warnings.is_empty(), "{:?}", found.warnings);
    }

    #[test]
    fn survives_symlink_loops() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("sub")).unwrap();
        fs::write(d.join("sub/a.png"), PNG).unwrap();
        std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
        std::os::unix::fs::symlink(d.join("sub"), d.join("link")).unwrap();
        let found = find_images(&[d.to_path_buf()]).unwrap();
        // The link to a sibling is followed; the loops are reported, skipped.
        assert_eq!(rels(&found), ["link/a.png", "sub/a.png"]);
        assert!(
            found.warnings.iter().any(|w| w.contains("loop")),
            "{:?}",
            found.warnings
        );
    }

    #[test]
    fn files_given_directly_are_taken_and_missing_roots_fail() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.txt");
        fs::write(&f, b"text").unwrap();
        let found = find_images(std::slice::from_ref(&f)).unwrap();
        assert_eq!(rels(&found), ["x.txt"]);
        let err = find_images(&[dir.path().join("gone")]).unwrap_err();
        assert!(err.ends_with("gone: no such file or directory"), "{err}");
    }
}
