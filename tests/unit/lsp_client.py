"""A small Language Server Protocol client for the tests: it starts
`pwc lsp` as an editor does, and speaks JSON-RPC to it over its stdin and
stdout with Content-Length framing."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

PWC = Path(sys.executable).with_name("pwc")  # the console script of the venv the tests run in


class LspClient:
    def __init__(self, *args: str, timeout: float = 30.0):
        self.process = subprocess.Popen([str(PWC), "lsp", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        self.timeout = timeout
        self.next_id = 0
        self.incoming: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    # ------------------------------------------------------------ framing

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.incoming.put(None)  # the server closed its stdout
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            assert length is not None, "a message without Content-Length"
            self.incoming.put(json.loads(stream.read(length)))

    def _next_message(self) -> dict[str, Any]:
        message = self.incoming.get(timeout=self.timeout)
        if message is None:
            raise EOFError("pwc lsp closed its output; stderr: " + self._stderr())
        return message

    def _stderr(self) -> str:
        if self.process.poll() is None or self.process.stderr is None:
            return ""
        return self.process.stderr.read().decode("utf-8", "replace")

    # ----------------------------------------------------------- requests

    def request(self, method: str, params: Any = None) -> Any:
        """Send a request and wait for its answer (notifications that come
        first are kept in `notifications`); an error answer raises."""
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self._next_message()
            if message.get("id") == self.next_id and "method" not in message:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result")
            if "id" in message and "method" in message:  # a request of the server's: answer it plainly
                self._send({"id": message["id"], "result": None})
            else:
                self.notifications.append(message)

    def notify(self, method: str, params: Any = None) -> None:
        self._send({"method": method, "params": params})

    def wait_for(self, method: str, **fields: Any) -> dict[str, Any]:
        """The first notification `method` (kept or to come) whose params hold `fields`."""
        while True:
            for message in self.notifications:
                params = message.get("params") or {}
                if message.get("method") == method and all(params.get(k) == v for k, v in fields.items()):
                    self.notifications.remove(message)
                    return params
            message = self._next_message()
            if "id" in message and "method" in message:
                self._send({"id": message["id"], "result": None})
            else:
                self.notifications.append(message)

    # ---------------------------------------------------------- lifecycle

    def initialize(self, root: Path) -> dict[str, Any]:
        result = self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})
        return result

    def shutdown(self) -> int:
        """shutdown, exit; the server's exit status."""
        self.request("shutdown")
        self.notify("exit")
        return self.process.wait(timeout=self.timeout)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        self.reader.join(timeout=5)
