//! Advisory file locks that keep readers and writers of one store apart.
//!
//! RocksDB locks a store against a second writer, but not against readers:
//! a read-only open reads the file list once, and a writer that ingests or
//! compacts files meanwhile deletes files the reader still expects (seen as
//! "Corruption: ... No such file" or a reader spinning at full CPU). So every
//! open takes a lock first, on files inside the store directory:
//!
//! - `narcograph-write.lock`, exclusive, held by the one writer;
//! - `narcograph-read.lock`, exclusive for the writer, shared by readers.
//!
//! A reader that finds a writer is refused at once with a clear error (a load
//! may run for minutes); a writer waits a bounded time for readers to finish.
//! The locks are `flock`-style (std's `File::lock`): the kernel drops them when
//! the process dies, so a killed load never leaves the store locked.

use super::store::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

const WRITE_LOCK: &str = "narcograph-write.lock";
const READ_LOCK: &str = "narcograph-read.lock";

/// How long a writer waits for readers to finish before giving up.
pub(crate) const WRITER_WAIT: Duration = Duration::from_secs(30);

/// Held for as long as a store is open; dropping it releases the locks.
#[derive(Debug)]
pub(crate) struct StoreLock {
    _write: Option<File>,
    _read: Option<File>,
}

fn lock_file(dir: &Path, name: &str) -> std::io::Result<File> {
    OpenOptions::new().read(true).write(true).create(true).truncate(false).open(dir.join(name))
}

fn lock_error(dir: &Path, error: &std::io::Error) -> StoreError {
    StoreError::Open { path: dir.to_path_buf(), message: format!("cannot lock the store: {error}") }
}

impl StoreLock {
    /// The writer's locks: refused at once if another writer holds the store,
    /// waiting up to `wait` for readers to finish.
    pub(crate) fn writer(dir: &Path, wait: Duration) -> Result<StoreLock, StoreError> {
        let write = lock_file(dir, WRITE_LOCK).map_err(|e| lock_error(dir, &e))?;
        match write.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(StoreError::Locked { path: dir.to_path_buf() }),
            Err(TryLockError::Error(error)) => return Err(lock_error(dir, &error)),
        }
        let read = lock_file(dir, READ_LOCK).map_err(|e| lock_error(dir, &e))?;
        let deadline = Instant::now() + wait;
        loop {
            match read.try_lock() {
                Ok(()) => return Ok(StoreLock { _write: Some(write), _read: Some(read) }),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StoreError::BeingRead { path: dir.to_path_buf(), waited: wait });
                }
                Err(TryLockError::Error(error)) => return Err(lock_error(dir, &error)),
            }
        }
    }

    /// A reader's shared lock, refused at once while a writer holds the store.
    ///
    /// A store written by an older version has no lock file; where the
    /// directory is read-only one cannot be made, and the reader goes on
    /// without (no writer can be running there either).
    pub(crate) fn reader(dir: &Path) -> Result<StoreLock, StoreError> {
        let read = match lock_file(dir, READ_LOCK) {
            Ok(file) => file,
            Err(_) => match File::open(dir.join(READ_LOCK)) {
                Ok(file) => file,
                Err(_) => return Ok(StoreLock { _write: None, _read: None }),
            },
        };
        match read.try_lock_shared() {
            Ok(()) => Ok(StoreLock { _write: None, _read: Some(read) }),
            Err(TryLockError::WouldBlock) => Err(StoreError::BeingWritten { path: dir.to_path_buf() }),
            Err(TryLockError::Error(error)) => Err(lock_error(dir, &error)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_share_writers_exclude() {
        let dir = tempfile::tempdir().unwrap();
        let first = StoreLock::reader(dir.path()).unwrap();
        let second = StoreLock::reader(dir.path()).unwrap();
        // Readers hold the store: a writer waits, then says so.
        let refused = StoreLock::writer(dir.path(), Duration::from_millis(120)).unwrap_err();
        assert!(matches!(refused, StoreError::BeingRead { .. }), "{refused}");
        drop((first, second));
        let writer = StoreLock::writer(dir.path(), Duration::ZERO).unwrap();
        assert!(matches!(StoreLock::reader(dir.path()).unwrap_err(), StoreError::BeingWritten { .. }));
        assert!(matches!(StoreLock::writer(dir.path(), Duration::ZERO).unwrap_err(), StoreError::Locked { .. }));
        drop(writer);
        StoreLock::reader(dir.path()).unwrap();
    }
}
