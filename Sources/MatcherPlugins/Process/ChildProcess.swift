internal import CMatcherPluginsShims
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a round trip with a child failed. Internal: adapters turn it into ``PluginFault`` and ``MatcherError``.
enum ChannelFailure: Error, Sendable {
    /// The deadline passed before the child answered (or read what we sent).
    case timeout
    /// The child closed its end (exited or crashed).
    case closed
    /// The child wrote bytes that are not a frame.
    case garbage(String)
}

/// One plugin child process, connected by a Unix stream socket that is its stdin and stdout.
///
/// A socket instead of two pipes: `send(MSG_NOSIGNAL)` cannot raise SIGPIPE in facecert when a plugin dies, so
/// facecert need not change the process-wide SIGPIPE disposition. The child gets:
/// - argv as given, the executable resolved against the *caller's* `PATH` beforehand;
/// - an environment of exactly `environment` (see ``PluginConfiguration/childEnvironment(sandbox:)``);
/// - `workingDirectory` as its current directory (an empty directory made for the run);
/// - stderr appended to `stderrPath`;
/// - no other open file descriptors (`closefrom(3)`), its own process group (so a kill reaches its children),
///   default signal dispositions and an empty signal mask.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var reaped = false
    private var exitStatus: Int32 = 0

    private init(pid: pid_t, fd: Int32) {
        self.pid = pid
        self.fd = fd
    }

    deinit {
        kill()
    }

    /// Starts a child.
    ///
    /// - Throws: a message when the socket cannot be made or the program cannot be started.
    static func spawn(
        executable: String, arguments: [String], environment: [String], workingDirectory: String, stderrPath: String
    ) throws(ChildSpawnError) -> ChildProcess {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var parentEnd: Int32 = -1
        var errorNumber: Int32 = 0
        let pid = CMatcherPluginsShims_spawn(
            executable, argv, envp, workingDirectory, stderrPath, &parentEnd, &errorNumber)
        guard pid > 0 else {
            throw ChildSpawnError("cannot start \(executable): \(String(cString: strerror(errorNumber)))")
        }
        return ChildProcess(pid: pid, fd: parentEnd)
    }

    /// Sends all of `bytes` before `deadline`.
    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(ChannelFailure) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                    Glibc.send(fd, raw.baseAddress.map { $0 + sent }, bytes.count - sent, Int32(MSG_NOSIGNAL))
                #else
                    Darwin.send(fd, raw.baseAddress.map { $0 + sent }, bytes.count - sent, 0)
                #endif
            }
            if count > 0 {
                sent += count
            } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                try wait(for: Int16(POLLOUT), deadline: deadline)
            } else {
                throw .closed
            }
        }
    }

    /// Reads one frame (kind, request id and body, without the length) before `deadline`.
    ///
    /// - Parameter maxLength: Frames announcing more bytes than this are garbage.
    func receiveFrame(deadline: ContinuousClock.Instant, maxLength: Int) throws(ChannelFailure) -> [UInt8] {
        try fill(4, deadline: deadline)
        let length =
            Int(buffer[readIndex]) | Int(buffer[readIndex + 1]) << 8 | Int(buffer[readIndex + 2]) << 16
            | Int(buffer[readIndex + 3]) << 24
        guard length >= WireFormat.headerLength, length <= maxLength else {
            let head = buffer[readIndex..<min(buffer.count, readIndex + 16)].map { String(format: "%02x", $0) }
            throw .garbage(
                "a frame must announce \(WireFormat.headerLength)...\(maxLength) bytes, got \(length) "
                    + "(first bytes: \(head.joined(separator: " ")))")
        }
        try fill(4 + length, deadline: deadline)
        let frame = Array(buffer[(readIndex + 4)..<(readIndex + 4 + length)])
        readIndex += 4 + length
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        }
        return frame
    }

    /// Whether bytes arrived that no request asked for (checked before a request; they mean a desynchronised
    /// or chatty plugin).
    func hasUnsolicitedBytes() -> Bool {
        if readIndex < buffer.count { return true }
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_PEEK))
        return count > 0
    }

    private func fill(_ count: Int, deadline: ContinuousClock.Instant) throws(ChannelFailure) {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while buffer.count - readIndex < count {
            let received = chunk.withUnsafeMutableBytes { raw in recv(fd, raw.baseAddress, raw.count, 0) }
            if received > 0 {
                buffer.append(contentsOf: chunk[0..<received])
            } else if received == 0 {
                throw .closed
            } else if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                try wait(for: Int16(POLLIN), deadline: deadline)
            } else {
                throw .closed
            }
        }
    }

    private func wait(for events: Int16, deadline: ContinuousClock.Instant) throws(ChannelFailure) {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { throw .timeout }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = min(Int64(Int32.max), seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
        var descriptor = pollfd(fd: fd, events: events, revents: 0)
        _ = poll(&descriptor, 1, Int32(milliseconds))
    }

    /// Sends SIGKILL to the child's process group and reaps it. Idempotent.
    func kill() {
        guard !reaped else { return }
        Self.signal(-pid, SIGKILL)
        Self.signal(pid, SIGKILL)
        reap(blocking: true)
    }

    /// Asks politely: waits up to `grace` for the child to exit after a shutdown frame, then kills it.
    func finish(grace: Duration) {
        let deadline = ContinuousClock.now + grace
        while !reaped && ContinuousClock.now < deadline {
            reap(blocking: false)
            if !reaped { usleep(2000) }
        }
        kill()
    }

    /// How the child ended, e.g. "exited with status 3" or "killed by signal 11 (SIGSEGV)"; waits up to 1 s for it
    /// to end and kills it otherwise.
    func exitDescription() -> String {
        finish(grace: .seconds(1))
        let signal = exitStatus & 0x7f
        if signal == 0 { return "exited with status \((exitStatus >> 8) & 0xff)" }
        return "killed by signal \(signal)\(Self.signalNames[signal].map { " (\($0))" } ?? "")"
    }

    private func reap(blocking: Bool) {
        guard !reaped else { return }
        var status: Int32 = 0
        let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
        if result == pid || (result < 0 && errno == ECHILD) {
            reaped = true
            exitStatus = status
            close(fd)
        }
    }

    private static func signal(_ target: pid_t, _ signal: Int32) {
        #if canImport(Glibc)
            _ = Glibc.kill(target, signal)
        #else
            _ = Darwin.kill(target, signal)
        #endif
    }

    private static let signalNames: [Int32: String] = [
        SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGILL: "SIGILL",
        SIGKILL: "SIGKILL", SIGTERM: "SIGTERM", SIGPIPE: "SIGPIPE", SIGTRAP: "SIGTRAP",
    ]
}

/// Why a child could not be started.
struct ChildSpawnError: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}
