/// A fault an adapter observed in a plugin: a value the runner collects and reports, never a crash of the run.
///
/// Conformance findings carry the inputs that caused them: ``call`` and ``callIndex`` name the call (the n-th
/// template creation or comparison the adapter received, counting from 0, each pair of a batch counting as one
/// comparison), so a runner that records the shuffled order it used can map a fault back to its image or pair.
/// The plugin never sees these indices.
public struct PluginFault: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind of call that failed.
    public enum Call: String, Sendable, Hashable, Codable {
        /// Starting the plugin, its handshake or a restart.
        case start
        /// ``FaceMatcher/createTemplate(from:role:)``.
        case createTemplate
        /// ``FaceMatcher/compare(verification:enrolment:)`` or one pair of a batch.
        case compare
    }

    /// The kind of call.
    public var call: Call
    /// 0-based number of the call among calls of its kind on this adapter; `nil` for ``Call/start``.
    public var callIndex: Int?
    /// `.timeout`, `.crash` or `.protocolViolation` (``MatcherError/Code``).
    public var code: MatcherError.Code
    /// What happened and what to do, e.g. "the plugin returned NaN for comparison 12".
    public var message: String
    /// The worker (child process or in-process instance, 0-based) that served the call, if any.
    public var worker: Int?

    public init(call: Call, callIndex: Int?, code: MatcherError.Code, message: String, worker: Int? = nil) {
        self.call = call
        self.callIndex = callIndex
        self.code = code
        self.message = message
        self.worker = worker
    }

    public var description: String {
        let index = callIndex.map { " #\($0)" } ?? ""
        return "\(call.rawValue)\(index): \(code.rawValue): \(message)"
    }
}

/// A ``FaceMatcher`` the harness drives through an adapter: it records faults and owns resources to release.
///
/// The runner uses a `HostedMatcher` like any matcher (from several threads at once) and, at the end, reads
/// ``faults`` for the report and calls ``close()``. A call that fails because of a fault throws ``MatcherError``
/// with `.timeout`, `.crash` or `.protocolViolation` *and* appends a ``PluginFault``; refusals and vendor failures
/// (`.refuseInput`, `.extractError`, …) are thrown but are not faults.
public protocol HostedMatcher: FaceMatcher {
    /// Every fault observed so far, in the order observed.
    var faults: [PluginFault] { get }
    /// The file the plugin's stderr is appended to, if the plugin runs in a child process.
    var stderrLogPath: String? { get }
    /// Waits for calls in flight, then stops child processes (shutdown frame, then SIGKILL after a 1 s grace
    /// period) and unloads libraries. Calls after `close()` throw `.crash`. Idempotent.
    func close()
}
