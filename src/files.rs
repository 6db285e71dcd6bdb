//! Files on disk: replacing a file without ever leaving it half-written (write a temporary
//! file next to it, sync it, rename it over the original), and finding a file by a relative
//! path without ever leaving the folder it is relative to (symlinks included).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Replaces `path` with `contents` atomically, keeping the original's permissions.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let fail =
        |e: std::io::Error| Error::new(format!("cannot write `{}`", path.display())).cause(e);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Unique per process and per call, so concurrent writers never share a temporary file.
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.oncall-{}-{n}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(contents)?;
        if let Ok(meta) = fs::metadata(path) {
            f.set_permissions(meta.permissions())?;
        }
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(fail)
}

/// Where a relative path really leads, when it stays inside its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inside {
    /// The file (or what it links to) exists at this canonical path inside the folder.
    Exists(PathBuf),
    /// Nothing is there yet; creating it would put it at this path inside the folder.
    Absent(PathBuf),
}

impl Inside {
    pub fn path(&self) -> &Path {
        match self {
            Inside::Exists(p) | Inside::Absent(p) => p,
        }
    }
}

/// Why a path was refused by [`resolve_inside`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Escape {
    /// It really is at this path, outside the folder (through a symlink).
    Outside(PathBuf),
    /// It is a symlink to this target, which does not exist: writing through it could create
    /// a file anywhere, and reading it cannot work.
    Dangling(PathBuf),
}

/// Resolves `rel` (already checked to be relative and free of `..`) under `root`, following
/// symlinks, and refuses it when the real location is outside `root`.
pub fn resolve_inside(root: &Path, rel: &str) -> std::result::Result<Inside, Escape> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let path = root.join(rel);
    let real = |p: &Path| {
        p.canonicalize()
            .map_err(|_| Escape::Dangling(fs::read_link(p).unwrap_or_else(|_| p.to_path_buf())))
    };
    if fs::symlink_metadata(&path).is_ok() {
        let real = real(&path)?;
        return if real.starts_with(&root) {
            Ok(Inside::Exists(real))
        } else {
            Err(Escape::Outside(real))
        };
    }
    // Not there: the nearest folder that exists must be inside, and nothing below it exists,
    // so no symlink can redirect what gets created.
    let mut base = path.parent();
    while let Some(dir) = base {
        if fs::symlink_metadata(dir).is_ok() {
            let real = real(dir)?;
            if !real.starts_with(&root) {
                return Err(Escape::Outside(real));
            }
            let rest = path.strip_prefix(dir).unwrap_or(&path);
            return Ok(Inside::Absent(real.join(rest)));
        }
        base = dir.parent();
    }
    Ok(Inside::Absent(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn resolves_inside_and_refuses_symlinks_that_lead_out() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.md"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("runbooks")).unwrap();
        fs::write(root.join("runbooks/a.md"), "a").unwrap();
        let link = |target: &Path, name: &str| {
            std::os::unix::fs::symlink(target, root.join(name)).unwrap();
        };
        link(&outside.path().join("secret.md"), "runbooks/evil.md");
        link(outside.path(), "elsewhere");
        link(&root.join("runbooks/a.md"), "runbooks/alias.md");
        link(&outside.path().join("nothing.md"), "runbooks/dangling.md");

        let real_root = root.canonicalize().unwrap();
        assert_eq!(
            resolve_inside(root, "runbooks/a.md"),
            Ok(Inside::Exists(real_root.join("runbooks/a.md")))
        );
        assert_eq!(
            resolve_inside(root, "runbooks/alias.md"),
            Ok(Inside::Exists(real_root.join("runbooks/a.md")))
        );
        assert_eq!(
            resolve_inside(root, "runbooks/new/b.md"),
            Ok(Inside::Absent(real_root.join("runbooks/new/b.md")))
        );
        let out = outside.path().canonicalize().unwrap();
        assert_eq!(
            resolve_inside(root, "runbooks/evil.md"),
            Err(Escape::Outside(out.join("secret.md")))
        );
        assert_eq!(
            resolve_inside(root, "elsewhere/x.md"),
            Err(Escape::Outside(out.clone()))
        );
        assert_eq!(
            resolve_inside(root, "runbooks/dangling.md"),
            Err(Escape::Dangling(outside.path().join("nothing.md")))
        );
    }

    #[test]
    fn replaces_contents_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("schedule.toml");
        fs::write(&p, "old").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
