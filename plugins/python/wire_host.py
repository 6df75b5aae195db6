"""A minimal host side of facecert's out-of-process plugin protocol (version 1), for evaluate.py --via-protocol.

It drives a plugin executable exactly as facecert's runner does (hello, create-template, batched compare,
shutdown), so the standalone evaluation exercises the plugin's SDK wiring, not only its matcher functions. It is a
test client, not the harness: no time limits, no restarts; any protocol violation raises `ProtocolError`.
Framing (docs/plugin-protocol.md): u32 length (little-endian, counts the bytes after it), u8 kind, u32 request id,
body; strings and byte strings are u32 length + bytes; doubles are IEEE-754 binary64 little-endian.
"""

from __future__ import annotations

import shlex
import struct
import subprocess

MAGIC = b"FCMP"
HELLO, CREATE_TEMPLATE, COMPARE, SHUTDOWN = 0x01, 0x02, 0x03, 0x04
HELLO_REPLY, TEMPLATE_REPLY, COMPARE_REPLY, FATAL = 0x81, 0x82, 0x83, 0xFF
STATUS_NAMES = {1: "refuseInput", 2: "faceDetectionError", 3: "extractError", 4: "templateCreationError",
                5: "templateFormatError", 6: "matchError", 7: "vendorError"}


class ProtocolError(Exception):
    """The plugin broke the protocol or died."""


class CallFailed(Exception):
    """The plugin answered a call with a non-zero status (a refusal or failure)."""

    def __init__(self, status: int, message: str):
        super().__init__(f"{STATUS_NAMES.get(status, status)}: {message}")
        self.status, self.code, self.message = status, STATUS_NAMES.get(status, str(status)), message


class _Reader:
    def __init__(self, body: bytes):
        self.body, self.offset = body, 0

    def take(self, count: int) -> bytes:
        if self.offset + count > len(self.body):
            raise ProtocolError(f"reply ends after {len(self.body)} bytes, needed {self.offset + count}")
        chunk = self.body[self.offset:self.offset + count]
        self.offset += count
        return chunk

    def u8(self) -> int:
        return self.take(1)[0]

    def u32(self) -> int:
        return struct.unpack("<I", self.take(4))[0]

    def f64(self) -> float:
        return struct.unpack("<d", self.take(8))[0]

    def data(self) -> bytes:
        return self.take(self.u32())

    def string(self) -> str:
        return self.data().decode("utf-8", "replace")


class PluginProcess:
    """One running plugin: `describe` holds its hello reply after construction."""

    def __init__(self, command: str):
        self.command = command
        self.process = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 1
        body = self._call(HELLO, MAGIC + struct.pack("<II", 1, 1), HELLO_REPLY)
        if body.take(4) != MAGIC:
            raise ProtocolError("hello reply does not start with FCMP")
        version = body.u32()
        name, plugin_version, vendor = body.string(), body.string(), body.string()
        kind, has_threshold, threshold, symmetric = body.u8(), body.u8(), body.f64(), body.u8()
        self.describe = {"protocol": version, "name": name, "version": plugin_version, "vendor": vendor,
                         "score_kind": "similarity" if kind == 0 else "distance",
                         "threshold": threshold if has_threshold else None, "symmetric": bool(symmetric)}

    def _call(self, kind: int, body: bytes, reply_kind: int) -> _Reader:
        request_id, self.next_id = self.next_id, self.next_id + 1
        try:
            self.process.stdin.write(struct.pack("<IBI", 5 + len(body), kind, request_id) + body)
            self.process.stdin.flush()
        except BrokenPipeError as error:
            raise ProtocolError(f"{self.command}: the plugin closed its input") from error
        header = self.process.stdout.read(9)
        if len(header) < 9:
            raise ProtocolError(f"{self.command}: the plugin exited (status {self.process.poll()}) without replying")
        length, got_kind, got_id = struct.unpack("<IBI", header)
        reply = self.process.stdout.read(length - 5)
        if len(reply) != length - 5:
            raise ProtocolError(f"{self.command}: reply cut short")
        if got_kind == FATAL:
            raise ProtocolError(f"{self.command}: fatal: {_Reader(reply).string()}")
        if got_kind != reply_kind or got_id != request_id:
            raise ProtocolError(f"{self.command}: expected reply 0x{reply_kind:02x} #{request_id}, "
                                f"got 0x{got_kind:02x} #{got_id}")
        return _Reader(reply)

    def create_template(self, width: int, height: int, channels: int, pixels: bytes,
                        role: str = "enrolment") -> bytes:
        """The template bytes; raises CallFailed on a refusal or failure."""
        body = struct.pack("<BIIBI", 0 if role == "enrolment" else 1, width, height, channels, len(pixels)) + pixels
        reply = self._call(CREATE_TEMPLATE, body, TEMPLATE_REPLY)
        status = reply.u8()
        if status != 0:
            raise CallFailed(status, reply.string())
        template = reply.data()
        flags = reply.u8()
        if flags & 1:
            reply.take(32)
        if flags & 2:
            reply.take(8)
        return template

    def compare(self, pairs: list[tuple[bytes, bytes]]) -> list[float | CallFailed]:
        """One score (or CallFailed) per (verification, enrolment) pair, in one batched request."""
        parts = [struct.pack("<I", len(pairs))]
        for verification, enrolment in pairs:
            parts += [struct.pack("<I", len(verification)), verification, struct.pack("<I", len(enrolment)), enrolment]
        reply = self._call(COMPARE, b"".join(parts), COMPARE_REPLY)
        count = reply.u32()
        if count != len(pairs):
            raise ProtocolError(f"{self.command}: {count} scores for {len(pairs)} pairs")
        results: list[float | CallFailed] = []
        for _ in range(count):
            status = reply.u8()
            results.append(reply.f64() if status == 0 else CallFailed(status, reply.string()))
        return results

    def close(self) -> None:
        try:
            self.process.stdin.write(struct.pack("<IBI", 5, SHUTDOWN, self.next_id))
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        self.process.wait(timeout=30)
        self.process.stdout.close()
