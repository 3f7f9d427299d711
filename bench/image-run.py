#!/usr/bin/env python3
"""Runs the image that ./bulwark image wrote (an OCI tar) without a container engine, as a container would.

Unpacks the image's layers into a folder, then starts its entrypoint (or the command given after --) in a private
mount namespace: the unpacked root read-only, a fresh tmpfs on /tmp (the image's only writable folder), the secrets
folder read-only at /run/secrets/bulwark, the host's /proc, /dev and /etc/hosts, working directory and user from the
image's configuration (/app, 65532:65532) and its environment plus the --env values, nothing of the caller's. The
network is the host's: give the service free ports (SERVER_PORT, MANAGEMENT_SERVER_PORT).

    sudo python3 bench/image-run.py target/image/bulwark.tar --secrets DIR --env SPRING_DATASOURCE_URL=... [-- CMD...]

The command replaces this process (exec), so its pid is the service's pid. The unpacked root is kept in --root
(default: a folder beside the tar, reused while the tar is unchanged). Needs Linux, root, util-linux's unshare and
mount. Standard library only.
"""

import argparse
import hashlib
import json
import os
import shutil
import sys
import tarfile
from pathlib import Path

SECRETS = "/run/secrets/bulwark"


def blob(layout, digest):
    algorithm, value = digest.split(":", 1)
    return layout / "blobs" / algorithm / value


def read_image(tar_path, unpacked):
    """Unpacks the OCI layout, then its layers in order; returns the image configuration."""
    layout = unpacked / "layout"
    stamp = unpacked / "tar.sha256"
    with tar_path.open("rb") as tar:
        digest = hashlib.file_digest(tar, "sha256").hexdigest()
    if not (stamp.exists() and stamp.read_text() == digest):
        shutil.rmtree(unpacked, ignore_errors=True)
        layout.mkdir(parents=True)
        with tarfile.open(tar_path) as archive:
            archive.extractall(layout, filter="data")
        index = json.loads((layout / "index.json").read_text())
        manifest = json.loads(blob(layout, index["manifests"][0]["digest"]).read_text())
        root = unpacked / "root"
        root.mkdir()
        for layer in manifest["layers"]:
            with tarfile.open(blob(layout, layer["digest"])) as archive:
                # "tar" keeps modes and owners (the image's files belong to root, /tmp is 1777) but refuses links
                # that leave the root, as "data" does.
                archive.extractall(root, filter="tar")
        (unpacked / "config.json").write_bytes(blob(layout, manifest["config"]["digest"]).read_bytes())
        stamp.write_text(digest)
    return json.loads((unpacked / "config.json").read_text())["config"]


def mount_points(root):
    """The image has no /proc, /dev or /etc/hosts: create the mount points while the root is still writable."""
    for folder in ("proc", "dev", SECRETS.lstrip("/")):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "etc/hosts").touch()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tar", type=Path)
    parser.add_argument("--secrets", type=Path, required=True, help="folder of secret files (config tree)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--root", type=Path, help="where to unpack the image (default: beside the tar)")
    parser.add_argument("--tmp-size", default="64m", help="size of the tmpfs on /tmp")
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    args.command = argv[split + 1 :]  # instead of the entrypoint
    if sys.platform != "linux" or os.geteuid() != 0:
        sys.exit("image-run: needs Linux and root (mount namespaces), as a container engine does")

    unpacked = (args.root or args.tar.with_suffix(".unpacked")).resolve()
    config = read_image(args.tar.resolve(), unpacked)
    root = unpacked / "root"
    mount_points(root)

    env = dict(entry.split("=", 1) for entry in config.get("Env", []))
    for entry in args.env:
        name, sep, value = entry.partition("=")
        if not sep:
            sys.exit(f"image-run: --env {entry}: expected NAME=VALUE")
        env[name] = value
    command = args.command or config["Entrypoint"] + config.get("Cmd", [])
    user, _, group = config.get("User", "0").partition(":")
    # The mounts' settings go to the shell as arguments, so the service's environment is only the image's and --env.
    script = """set -e
R=$1 S=$2 T=$3 Z=$4 W=$5 U=$6 G=$7
shift 7
/usr/bin/mount --make-rprivate /
/usr/bin/mount --bind "$R" "$R"
/usr/bin/mount --bind /proc "$R/proc"
/usr/bin/mount --rbind /dev "$R/dev"
/usr/bin/mount --bind /etc/hosts "$R/etc/hosts"
/usr/bin/mount --bind "$S" "$R$T"
/usr/bin/mount -o remount,bind,ro "$R$T"
/usr/bin/mount -t tmpfs -o "size=$Z,mode=1777,nosuid,nodev" tmpfs "$R/tmp"
/usr/bin/mount -o remount,bind,ro "$R"
exec /usr/bin/unshare --root="$R" --wd="$W" --setuid "$U" --setgid "$G" "$@"
"""
    settings = [str(root), str(args.secrets.resolve()), SECRETS, args.tmp_size, config.get("WorkingDir", "/")]
    settings += [user, group or user]
    os.execve("/usr/bin/unshare", ["unshare", "--mount", "/bin/sh", "-c", script, "image-run", *settings, *command], env)


if __name__ == "__main__":
    main()
