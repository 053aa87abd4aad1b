"""Finding and running the Quarry executables."""

import os
import shutil
import subprocess


class QuarryError(RuntimeError):
    """A Quarry command failed: its command line, status and standard error."""


def executable(name):
    """The path of Quarry executable ``name``: in ``$QUARRY_BIN`` when set, else on ``PATH``."""
    folder = os.environ.get("QUARRY_BIN")
    if folder:
        path = os.path.join(folder, name)
        if not os.access(path, os.X_OK):
            raise QuarryError(f"{path}: not an executable (QUARRY_BIN={folder})")
        return path
    found = shutil.which(name)
    if found is None:
        raise QuarryError(f"{name} is not on PATH: build Quarry and set QUARRY_BIN to its folder")
    return found


def run(name, *arguments):
    """Runs Quarry executable ``name`` with ``arguments``; its standard output, or QuarryError."""
    command = [executable(name), *map(str, arguments)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise QuarryError(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()}")
    return done.stdout
