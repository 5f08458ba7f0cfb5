//! Output files: written to a temporary file beside the target and renamed
//! into place, so a crash never leaves half a file, and never over an
//! existing file without `--force`.

use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where results go: stdout, or a file that appears only when complete.
pub enum Sink {
    Stdout(std::io::StdoutLock<'static>),
    /// Output nobody asked for (`--qr -` without `-o`).
    Discard,
    File {
        tmp: tempfile::NamedTempFile,
        path: PathBuf,
        force: bool,
    },
}

impl Sink {
    /// Checks the target up front, before any scanning time is spent.
    pub fn open(path: Option<&Path>, force: bool) -> Result<Sink> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Sink::Stdout(std::io::stdout().lock()));
        };
        if path.is_dir() {
            bail!("{}: is a directory", path.display());
        }
        if path.exists() && !force {
            bail!(
                "{}: already exists (use --force to overwrite)",
                path.display()
            );
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".cardscan-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .with_context(|| format!("{}: cannot create output", path.display()))?;
        Ok(Sink::File {
            tmp,
            path: path.to_path_buf(),
            force,
        })
    }

    /// Moves the finished file into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut out) => out.flush().context("writing to stdout"),
            Sink::Discard => Ok(()),
            Sink::File {
                mut tmp,
                path,
                force,
            } => {
                let ctx = || format!("{}: cannot write output", path.display());
                tmp.flush().with_context(ctx)?;
                tmp.as_file().sync_all().with_context(ctx)?;
                if force {
                    tmp.persist(&path).map_err(|e| e.error).with_context(ctx)?;
                } else {
                    // Fails rather than replace a file that appeared meanwhile.
                    tmp.persist_noclobber(&path)
                        .map_err(|e| e.error)
                        .with_context(ctx)?;
                }
                Ok(())
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(o) => o.write(buf),
            Sink::Discard => Ok(buf.len()),
            Sink::File { tmp, .. } => tmp.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(o) => o.flush(),
            Sink::Discard => Ok(()),
            Sink::File { tmp, .. } => tmp.flush(),
        }
    }
}
