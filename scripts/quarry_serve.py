"""`quarry-serve` as a child process, for scripts/browser-test and scripts/bench-serve.

    from quarry_serve import ServeProcess, install_packages
    server = ServeProcess(binaries, ["--index", index, "--search-key-file", key], log_path)
    ... server.address (e.g. "http://127.0.0.1:41663") ...
    status = server.stop()      # SIGTERM; the exit status, or None when it did not exit in time
    server.kill()               # always, in a finally: kills it if it still runs

The server is started on `--port 0` (a free loopback port) and its address read from the line
it prints on standard output ("serving DIR at http://HOST:PORT; ..."); its standard error (the
request log) goes to `log_path`.
"""
import os
import re
import signal
import subprocess
import threading

SCRIPTS = os.path.dirname(os.path.abspath(__file__))


def install_packages(*packages):
    """Installs Debian packages that are missing through scripts/install-deps (as root or with sudo)."""
    subprocess.run([os.path.join(SCRIPTS, "install-deps"), *packages], check=True)


class ServeProcess:
    """`quarry-serve --port 0 ARGUMENTS` from the folder `binaries`, running."""

    def __init__(self, binaries, arguments, log_path, start_seconds=30, stop_seconds=10):
        self.stop_seconds = stop_seconds
        self.log_path = log_path
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen([os.path.join(binaries, "quarry-serve"), "--port", "0", *arguments],
                                        stdout=subprocess.PIPE, stderr=self.log)
        self.lines = []
        self.address = None
        ready = threading.Event()

        def read():
            for raw in self.process.stdout:
                line = raw.decode("utf-8", "replace").rstrip("\n")
                self.lines.append(line)
                match = re.search(r"serving .* at (http://[^\s;,]+)", line)
                if match and self.address is None:
                    self.address = match.group(1).rstrip("/")
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(start_seconds) or self.address is None:
            self.kill()
            raise RuntimeError(f"the server did not say where it listens within {start_seconds} s; it printed: "
                               + " | ".join(self.lines + [self.log_tail()]))

    def stop(self):
        """Sends SIGTERM; returns the exit status, or None when it has not exited within `stop_seconds`."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(self.stop_seconds)
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        """Kills the server if it still runs, and closes its log."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def log_tail(self, lines=5):
        """The last lines of the server's standard error, joined with " | "."""
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            return " | ".join(log.read().splitlines()[-lines:])
