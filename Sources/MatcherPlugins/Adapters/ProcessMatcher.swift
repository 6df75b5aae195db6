import BiometricMetrics
import FaceImaging
import Foundation

/// The out-of-process adapter: a pool of child processes speaking the wire protocol on stdin/stdout.
///
/// Serves both `exec:COMMAND` plugins (any program implementing docs/plugin-protocol.md) and `lib:PATH` plugins
/// (the `facecert-plugin-host` program loads the shared library in the child). Thread-safe: a pool of
/// ``PluginConfiguration/workers`` children serves concurrent calls, each child one request at a time; calls wait
/// for a free child. A batch larger than ``PluginLimits/maxBatchPairs`` is split into chunks served in parallel.
///
/// Faults: a call exceeding its limit kills the child (SIGKILL to its process group) and fails with `.timeout`;
/// a child that exits fails the call with `.crash`; bytes outside the protocol fail it with `.protocolViolation`
/// and kill the child, as it can no longer be trusted to be in step. In each case a ``PluginFault`` is recorded
/// and the next call restarts the child, up to ``PluginLimits/maxRestarts`` restarts for the whole adapter. A
/// lost batch records one fault per pair. A valid frame with NaN, an infinity or a negative distance fails only
/// that pair with `.protocolViolation` and keeps the child.
public final class ProcessMatcher: HostedMatcher, @unchecked Sendable {
    public let identity: MatcherIdentity
    public var faults: [PluginFault] { log.faults }
    public let stderrLogPath: String?

    /// The program and arguments each child runs.
    public let command: [String]
    private let configuration: PluginConfiguration
    private let environment: [String]
    private let sandbox: String
    private let log = FaultLog()
    private let pool: WorkerPool<Worker>
    private let ownsLog: Bool
    private let stateLock = NSLock()
    private var restarts = 0
    private var closed = false

    final class Worker {
        var child: ChildProcess?
        var started = false
        var nextRequestID: UInt32 = 1

        func takeID() -> UInt32 {
            defer { nextRequestID &+= 1 }
            return nextRequestID
        }
    }

    /// Starts one child, completes the handshake and reads the identity; further children start on demand.
    ///
    /// - Parameters:
    ///   - command: Program and arguments. A program without `/` is looked up in the caller's `PATH`; arguments
    ///     naming an existing file relative to the current directory are made absolute, because the child runs
    ///     in an empty sandbox directory.
    ///   - configuration: Limits, workers, stderr log, environment.
    /// - Throws: ``PluginError`` `.spawn` or `.handshake` with the plugin's stderr tail.
    public init(command: [String], configuration: PluginConfiguration = PluginConfiguration()) throws(PluginError) {
        guard let program = command.first, !program.isEmpty else {
            throw PluginError(.invalidSpec, "the plugin command is empty; give a program, e.g. exec:\"python3 plugin.py\"")
        }
        guard let executable = ProcessMatcher.resolve(program: program) else {
            throw PluginError(
                .spawn, "cannot find the program \(program) in PATH or as a file; give its path")
        }
        let arguments = command.dropFirst().map(ProcessMatcher.absolutiseIfFile)
        self.command = [executable] + arguments
        self.configuration = configuration
        let sandboxResult = ProcessMatcher.makeSandbox()
        guard let sandbox = sandboxResult else {
            throw PluginError(.spawn, "cannot create an empty working directory for the plugin in \(NSTemporaryDirectory())")
        }
        self.sandbox = sandbox
        self.environment = configuration.childEnvironment(sandbox: sandbox)
        let logPath =
            configuration.stderrLogPath
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent(
                "facecert-plugin-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log")
        self.stderrLogPath = logPath
        self.ownsLog = configuration.stderrLogPath == nil
        self.pool = WorkerPool((0..<configuration.workers).map { _ in Worker() })

        // The first child gives the identity and proves the plugin starts at all.
        let first = pool.all[0]
        switch ProcessMatcher.start(
            command: self.command, environment: environment, sandbox: sandbox, logPath: logPath,
            limit: configuration.limits.startTime)
        {
        case .success(let (child, identity, requestID)):
            first.child = child
            first.started = true
            first.nextRequestID = requestID
            self.identity = identity
        case .failure(let failure):
            try? FileManager.default.removeItem(atPath: sandbox)
            let tail = ProcessMatcher.logTail(logPath)
            if configuration.stderrLogPath == nil, tail.isEmpty { try? FileManager.default.removeItem(atPath: logPath) }
            throw PluginError(.handshake, failure.message + tail)
        }
    }

    deinit { close() }

    public func close() {
        let wasClosed = stateLock.withLock {
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }
        // Waits for calls in flight, so no child is shut down under a running request.
        pool.withAllWorkers { workers in
            for worker in workers {
                guard let child = worker.child else { continue }
                let deadline = ContinuousClock.now + .milliseconds(200)
                try? child.send(WireMessages.shutdown(requestID: worker.takeID()), deadline: deadline)
                child.finish(grace: .seconds(1))
                worker.child = nil
            }
        }
        try? FileManager.default.removeItem(atPath: sandbox)
        // A log facecert named itself and nothing wrote to is clutter.
        if ownsLog, let path = stderrLogPath, ProcessMatcher.logTail(path).isEmpty {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    // MARK: FaceMatcher

    public func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        let index = log.nextTemplateIndex()
        let limits = configuration.limits
        let result: Result<CreatedTemplate, MatcherError> = pool.withWorker { worker, workerIndex in
            let frame: [UInt8]
            let requestID: UInt32
            let child: ChildProcess
            switch ready(worker, workerIndex: workerIndex, call: .createTemplate, indices: [index]) {
            case .failure(let error): return .failure(error)
            case .success(let readyChild):
                child = readyChild
                requestID = worker.takeID()
                frame = WireMessages.createTemplate(requestID: requestID, image: image, role: role)
            }
            switch roundTrip(
                worker, child: child, frame: frame, limit: limits.templateTime,
                maxReply: limits.maxTemplateBytes + 4096)
            {
            case .failure(let failure):
                return .failure(
                    fault(failure, worker: worker, workerIndex: workerIndex, call: .createTemplate, indices: [index],
                        limit: limits.templateTime))
            case .success(let reply):
                do throws(WireViolation) {
                    return try WireMessages.parseTemplateReply(
                        reply, requestID: requestID, maxTemplateBytes: limits.maxTemplateBytes)
                } catch {
                    return .failure(
                        fault(.garbage(error.message), worker: worker, workerIndex: workerIndex,
                            call: .createTemplate, indices: [index], limit: limits.templateTime))
                }
            }
        }
        return try result.get()
    }

    public func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double {
        try compare([TemplatePair(verification: verification, enrolment: enrolment)])[0].get()
    }

    public func compare(_ pairs: [TemplatePair]) -> [Result<Double, MatcherError>] {
        guard !pairs.isEmpty else { return [] }
        let first = log.reserveComparisons(pairs.count)
        let chunk = max(1, configuration.limits.maxBatchPairs)
        let starts = Array(stride(from: 0, to: pairs.count, by: chunk))
        if starts.count == 1 {
            return compareChunk(pairs[...], firstIndex: first)
        }
        let results = ResultSlots(count: starts.count)
        DispatchQueue.concurrentPerform(iterations: starts.count) { slot in
            let start = starts[slot]
            let end = min(pairs.count, start + chunk)
            results.set(slot, compareChunk(pairs[start..<end], firstIndex: first + start))
        }
        return results.joined()
    }

    private func compareChunk(_ pairs: ArraySlice<TemplatePair>, firstIndex: Int) -> [Result<Double, MatcherError>] {
        let indices = Array(firstIndex..<(firstIndex + pairs.count))
        let limit = configuration.limits.batchTime(count: pairs.count)
        return pool.withWorker { worker, workerIndex in
            let child: ChildProcess
            switch ready(worker, workerIndex: workerIndex, call: .compare, indices: indices) {
            case .failure(let error): return Array(repeating: .failure(error), count: pairs.count)
            case .success(let readyChild): child = readyChild
            }
            let requestID = worker.takeID()
            let frame = WireMessages.compare(requestID: requestID, pairs: pairs)
            let reply: [UInt8]
            switch roundTrip(worker, child: child, frame: frame, limit: limit, maxReply: 64 + pairs.count * 4200) {
            case .failure(let failure):
                let error = fault(
                    failure, worker: worker, workerIndex: workerIndex, call: .compare, indices: indices, limit: limit)
                return Array(repeating: .failure(error), count: pairs.count)
            case .success(let bytes): reply = bytes
            }
            let raw: [Result<Double, MatcherError>]
            do throws(WireViolation) {
                raw = try WireMessages.parseCompareReply(reply, requestID: requestID, count: pairs.count)
            } catch {
                let failure = fault(
                    .garbage(error.message), worker: worker, workerIndex: workerIndex, call: .compare,
                    indices: indices, limit: limit)
                return Array(repeating: .failure(failure), count: pairs.count)
            }
            return raw.enumerated().map { offset, result in
                guard case .success(let score) = result,
                    let problem = ScoreRules.violation(score, kind: identity.scoreKind)
                else { return result }
                let message = "\(problem) (score kind \(identity.scoreKind.rawValue)) for comparison \(indices[offset])"
                log.record(
                    PluginFault(
                        call: .compare, callIndex: indices[offset], code: .protocolViolation, message: message,
                        worker: workerIndex))
                return .failure(MatcherError(.protocolViolation, message))
            }
        }
    }

    // MARK: Workers

    /// Makes sure the worker has a live child, restarting it within the budget.
    private func ready(
        _ worker: Worker, workerIndex: Int, call: PluginFault.Call, indices: [Int]
    ) -> Result<ChildProcess, MatcherError> {
        if let child = worker.child { return .success(child) }
        let refusal: String? = stateLock.withLock {
            if closed { return "the adapter is closed" }
            if worker.started {
                guard restarts < configuration.limits.maxRestarts else {
                    return "the plugin was restarted \(restarts) times, the limit; it is no longer started"
                }
                restarts += 1
            }
            return nil
        }
        if let refusal {
            let error = MatcherError(.crash, refusal)
            for index in indices {
                log.record(PluginFault(call: call, callIndex: index, code: .crash, message: refusal, worker: workerIndex))
            }
            return .failure(error)
        }
        worker.started = true
        let logPath = stderrLogPath ?? "/dev/null"
        switch ProcessMatcher.start(
            command: command, environment: environment, sandbox: sandbox, logPath: logPath,
            limit: configuration.limits.startTime)
        {
        case .success(let (child, childIdentity, requestID)):
            guard childIdentity == identity else {
                child.kill()
                let message = "a restarted plugin described itself differently: \(childIdentity) vs \(identity)"
                log.record(PluginFault(call: .start, callIndex: nil, code: .protocolViolation, message: message, worker: workerIndex))
                return .failure(MatcherError(.protocolViolation, message))
            }
            worker.child = child
            worker.nextRequestID = requestID
            return .success(child)
        case .failure(let failure):
            let message = "the plugin could not be restarted: \(failure.message)"
            log.record(PluginFault(call: .start, callIndex: nil, code: .crash, message: message, worker: workerIndex))
            return .failure(MatcherError(.crash, message))
        }
    }

    private func roundTrip(
        _ worker: Worker, child: ChildProcess, frame: [UInt8], limit: Duration, maxReply: Int
    ) -> Result<[UInt8], ChannelFailure> {
        if child.hasUnsolicitedBytes() {
            return .failure(.garbage("the plugin wrote bytes nobody asked for before this request"))
        }
        let deadline = ContinuousClock.now + limit
        do {
            try child.send(frame, deadline: deadline)
            return .success(try child.receiveFrame(deadline: deadline, maxLength: max(maxReply, 1 << 16)))
        } catch {
            return .failure(error)
        }
    }

    /// Records a fault for every index, retires the child, and returns the error the calls throw.
    private func fault(
        _ failure: ChannelFailure, worker: Worker, workerIndex: Int, call: PluginFault.Call, indices: [Int],
        limit: Duration
    ) -> MatcherError {
        let code: MatcherError.Code
        let what: String
        let child = worker.child
        worker.child = nil
        switch failure {
        case .timeout:
            child?.kill()
            code = .timeout
            what = "no answer within \(limit); the plugin was killed (SIGKILL) and will be restarted"
        case .closed:
            code = .crash
            what = "the plugin \(child?.exitDescription() ?? "ended") during the call; it will be restarted"
        case .garbage(let message):
            child?.kill()
            code = .protocolViolation
            what = "\(message); the plugin was killed and will be restarted"
        }
        let name = call == .createTemplate ? "template creation" : "comparison"
        let where_ = indices.count == 1 ? "\(name) \(indices[0])" : "\(name)s \(indices[0])...\(indices[indices.count - 1])"
        let message = "\(where_): \(what)"
        for index in indices {
            log.record(PluginFault(call: call, callIndex: index, code: code, message: message, worker: workerIndex))
        }
        return MatcherError(code, message)
    }

    // MARK: Starting

    /// Spawns a child and completes the handshake; returns it with its identity and the next request id.
    private static func start(
        command: [String], environment: [String], sandbox: String, logPath: String, limit: Duration
    ) -> Result<(ChildProcess, MatcherIdentity, UInt32), ChildSpawnError> {
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                executable: command[0], arguments: Array(command.dropFirst()), environment: environment,
                workingDirectory: sandbox, stderrPath: logPath)
        } catch {
            return .failure(error)
        }
        let deadline = ContinuousClock.now + limit
        let shown = command.joined(separator: " ")
        do {
            try child.send(WireMessages.hello(requestID: 0), deadline: deadline)
            let reply = try child.receiveFrame(deadline: deadline, maxLength: 1 << 16)
            let identity = try WireMessages.parseHelloReply(reply, requestID: 0)
            return .success((child, identity, 1))
        } catch let failure as ChannelFailure {
            switch failure {
            case .timeout:
                child.kill()
                return .failure(ChildSpawnError("\(shown): no handshake within \(limit)"))
            case .closed:
                return .failure(ChildSpawnError("\(shown): \(child.exitDescription()) before completing the handshake"))
            case .garbage(let message):
                child.kill()
                return .failure(ChildSpawnError("\(shown): the handshake is not a protocol frame: \(message)"))
            }
        } catch let violation as WireViolation {
            child.kill()
            return .failure(ChildSpawnError("\(shown): bad handshake: \(violation.message)"))
        } catch {
            child.kill()
            return .failure(ChildSpawnError("\(shown): \(error)"))
        }
    }

    /// Resolves a program name against the caller's PATH, like a shell (no shell is involved).
    static func resolve(program: String) -> String? {
        let manager = FileManager.default
        if program.contains("/") {
            let absolute = absolutiseIfFile(program)
            return manager.isExecutableFile(atPath: absolute) ? absolute : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(program)"
            if manager.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Makes a relative path that names an existing file absolute (against the caller's working directory).
    static func absolutiseIfFile(_ argument: String) -> String {
        guard !argument.hasPrefix("/"), !argument.hasPrefix("-"), FileManager.default.fileExists(atPath: argument)
        else { return argument }
        let base = FileManager.default.currentDirectoryPath
        return URL(fileURLWithPath: argument, relativeTo: URL(fileURLWithPath: base, isDirectory: true))
            .standardizedFileURL.path
    }

    private static func makeSandbox() -> String? {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("facecert-plugin-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
    }

    /// The last lines of the plugin's stderr log, for error messages.
    static func logTail(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return "" }
        let text = String(decoding: data.suffix(1500), as: UTF8.self)
        return "\nplugin stderr (\(path)), last lines:\n\(text)"
    }
}

/// Collects results of parallel chunks in order.
final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[Result<Double, MatcherError>]]

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func set(_ index: Int, _ value: [Result<Double, MatcherError>]) { lock.withLock { slots[index] = value } }

    func joined() -> [Result<Double, MatcherError>] { lock.withLock { slots.flatMap { $0 } } }
}
