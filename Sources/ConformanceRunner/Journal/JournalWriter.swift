import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The append-only writer of a run journal: buffers framed chunks and writes them in large pieces.
///
/// Durability: a chunk is handed to the kernel when the buffer passes ``flushThreshold`` (or at ``flush(sync:)``),
/// so a SIGKILL loses at most the buffer; `fsync` runs at most once per ``syncInterval`` and at phase ends, so a
/// power loss loses at most that interval. A torn last chunk is found by its checksum and dropped on resume.
/// Thread-safe: workers append concurrently; chunks are never interleaved.
final class JournalWriter: @unchecked Sendable {
    let path: String
    let flushThreshold: Int
    let syncInterval: Double
    private let lock = NSLock()
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var lastSync = ContinuousClock.now
    private var error: RunError?

    /// Opens (creating if needed) the journal at `path` for appending.
    ///
    /// - Parameters:
    ///   - path: The journal file.
    ///   - truncatingTo: When resuming, the length of the journal's valid part: a torn tail is cut off first.
    ///   - flushThreshold: Bytes buffered before a write (default 1 MiB).
    ///   - syncInterval: Seconds between `fsync` calls (default 1).
    /// - Throws: ``RunError`` with code `.io` when the file cannot be opened.
    init(path: String, truncatingTo validLength: Int?, flushThreshold: Int = 1 << 20, syncInterval: Double = 1)
        throws(RunError)
    {
        self.path = path
        self.flushThreshold = flushThreshold
        self.syncInterval = syncInterval
        let flags = O_WRONLY | O_CREAT | O_APPEND | (validLength == nil ? O_TRUNC : 0)
        descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else {
            throw RunError(.io, "cannot open the journal \(path) for writing: \(String(cString: strerror(errno)))")
        }
        if let validLength {
            guard ftruncate(descriptor, off_t(validLength)) == 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw RunError(.io, "cannot cut the torn tail off the journal \(path): \(reason)")
            }
        }
        buffer.reserveCapacity(flushThreshold + (64 << 10))
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// The first write error, if any; workers stop when one is set.
    var failure: RunError? {
        lock.lock()
        defer { lock.unlock() }
        return error
    }

    /// Appends one chunk.
    func append(kind: JournalChunk.Kind, payload: [UInt8], flushNow: Bool = false) {
        var framed: [UInt8] = []
        framed.reserveCapacity(payload.count + JournalChunk.headerSize)
        payload.withUnsafeBytes { JournalChunk.frame(kind: kind, payload: $0, into: &framed) }
        appendFramed(framed, flushNow: flushNow)
    }

    /// Appends bytes that already hold whole framed chunks, atomically with respect to other appends.
    func appendFramed(_ framed: [UInt8], flushNow: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        buffer.append(contentsOf: framed)
        if flushNow || buffer.count >= flushThreshold { writeBufferLocked(sync: false) }
    }

    /// Writes the buffer to the file and, when `sync` is true, waits for it to reach the disk.
    ///
    /// - Throws: ``RunError`` `.io` when a write failed now or earlier.
    func flush(sync: Bool) throws(RunError) {
        lock.lock()
        defer { lock.unlock() }
        writeBufferLocked(sync: sync)
        if let error { throw error }
    }

    private func writeBufferLocked(sync: Bool) {
        guard error == nil else { return }
        var written = 0
        let total = buffer.count
        while written < total {
            let result = buffer.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress.map { $0 + written }, total - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                error = RunError(.io, "cannot write the journal \(path): \(String(cString: strerror(errno)))")
                return
            }
            written += result
        }
        buffer.removeAll(keepingCapacity: true)
        let now = ContinuousClock.now
        if sync || now - lastSync >= .seconds(syncInterval) {
            if fsync(descriptor) != 0 {
                error = RunError(.io, "cannot sync the journal \(path): \(String(cString: strerror(errno)))")
            }
            lastSync = now
        }
    }
}
