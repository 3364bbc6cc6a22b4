//! `.ci/setup` decides what to install by what packages are, not by file
//! names that a neighbouring package also matches: fake roots hold what a
//! stock image holds (libclang-cpp only) and what a set-up machine holds.

use crate::support::root;
use std::path::Path;
use std::process::Command;

/// The package names `.ci/setup --print-missing` prints for a root.
fn missing(fake_root: &Path) -> Vec<String> {
    let output = Command::new("bash")
        .arg(root().join(".ci/setup"))
        .arg("--print-missing")
        .env("SETUP_ROOT", fake_root)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(str::to_owned).collect()
}

fn touch(root: &Path, file: &str) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, b"").unwrap();
}

fn dpkg_status(root: &Path, installed: &[&str]) {
    let mut status = String::new();
    for package in installed {
        status.push_str(&format!(
            "Package: {package}\nStatus: install ok installed\nPriority: optional\nVersion: 1:14.0-55.7\nArchitecture: amd64\n\n"
        ));
    }
    let path = root.join("var/lib/dpkg/status");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, status).unwrap();
}

fn has_dpkg_query() -> bool {
    Command::new("dpkg-query").arg("--version").output().is_ok_and(|o| o.status.success())
}

#[test]
fn a_stock_image_with_only_libclang_cpp_needs_libclang_dev() {
    if !has_dpkg_query() {
        return;
    }
    let fake = tempfile::tempdir().unwrap();
    touch(fake.path(), "usr/lib/x86_64-linux-gnu/libclang-cpp.so.14");
    touch(fake.path(), "usr/lib/llvm-14/lib/libclang-cpp.so.14");
    dpkg_status(fake.path(), &["libclang-cpp14", "libllvm14"]);
    assert_eq!(missing(fake.path()), ["libclang-dev", "graphviz", "virtuoso-opensource"]);
}

#[test]
fn installed_packages_are_not_installed_again() {
    if !has_dpkg_query() {
        return;
    }
    let fake = tempfile::tempdir().unwrap();
    dpkg_status(fake.path(), &["libclang-cpp14", "libclang-dev", "graphviz", "virtuoso-opensource"]);
    assert!(missing(fake.path()).is_empty());
    // A package removed but not purged is not installed.
    let path = fake.path().join("var/lib/dpkg/status");
    let status = std::fs::read_to_string(&path).unwrap().replace(
        "Package: graphviz\nStatus: install ok installed",
        "Package: graphviz\nStatus: deinstall ok config-files",
    );
    std::fs::write(&path, status).unwrap();
    assert_eq!(missing(fake.path()), ["graphviz"]);
}

#[test]
fn without_dpkg_libclang_is_found_by_its_own_file_names() {
    let fake = tempfile::tempdir().unwrap();
    touch(fake.path(), "usr/lib/x86_64-linux-gnu/libclang-cpp.so.14");
    touch(fake.path(), "usr/bin/dot");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(fake.path().join("usr/bin/dot"), std::fs::Permissions::from_mode(0o755)).unwrap();
    touch(fake.path(), "usr/bin/virtuoso-t");
    std::fs::set_permissions(fake.path().join("usr/bin/virtuoso-t"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(missing(fake.path()), ["libclang-dev"], "libclang-cpp is not libclang");
    touch(fake.path(), "usr/lib/llvm-14/lib/libclang-14.so.1");
    assert!(missing(fake.path()).is_empty());
}
