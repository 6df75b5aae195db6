import Foundation

/// Time limits and size limits applied to every plugin call.
///
/// A call that exceeds its limit is recorded as a ``MatcherError/Code/timeout`` fault; a plugin in a child process
/// is killed with SIGKILL and restarted. Limits come from the threshold profile when it sets them, else these
/// defaults (NIST FRTE 1:1 asks for template creation well under a second on one core; these are generous).
public struct PluginLimits: Sendable, Hashable, Codable {
    /// Limit for one template creation. Default 10 s.
    public var templateTime: Duration
    /// Limit for one comparison. Default 1 s.
    public var comparisonTime: Duration
    /// Extra time a batch gets for each pair after the first: a batch of `n` pairs may take
    /// `comparisonTime + (n - 1) * batchTimePerPair`. Default 10 ms.
    public var batchTimePerPair: Duration
    /// Limit for starting a plugin and completing the handshake (model loading). Default 30 s.
    public var startTime: Duration
    /// How many times the adapter restarts crashed, hung or desynchronised children before it gives up and fails
    /// every further call with `.crash`. Default 10.
    public var maxRestarts: Int
    /// Largest template accepted, in bytes. Default 16 MiB.
    public var maxTemplateBytes: Int
    /// Most pairs sent in one batch frame. Default 1024.
    public var maxBatchPairs: Int

    public init(
        templateTime: Duration = .seconds(10), comparisonTime: Duration = .seconds(1),
        batchTimePerPair: Duration = .milliseconds(10), startTime: Duration = .seconds(30), maxRestarts: Int = 10,
        maxTemplateBytes: Int = 16 << 20, maxBatchPairs: Int = 1024
    ) {
        self.templateTime = templateTime
        self.comparisonTime = comparisonTime
        self.batchTimePerPair = batchTimePerPair
        self.startTime = startTime
        self.maxRestarts = maxRestarts
        self.maxTemplateBytes = maxTemplateBytes
        self.maxBatchPairs = maxBatchPairs
    }

    /// The defaults.
    public static let `default` = PluginLimits()

    /// The time limit of a batch of `count` comparisons.
    public func batchTime(count: Int) -> Duration {
        comparisonTime + batchTimePerPair * max(0, count - 1)
    }
}

/// How adapters run plugins: limits, parallelism, logs, the child environment and where the host program is.
public struct PluginConfiguration: Sendable {
    /// Per-call limits.
    public var limits: PluginLimits
    /// How many workers serve calls concurrently: child processes for `lib:` and `exec:`, library instances for
    /// `lib-inprocess:`. Default: the number of active processors. Calls beyond that wait for a free worker.
    public var workers: Int
    /// The file plugin stderr is appended to; `nil` makes `facecert-plugin-<pid>-<random>.log` in the temporary
    /// directory (the adapter's ``HostedMatcher/stderrLogPath`` tells which).
    public var stderrLogPath: String?
    /// Extra environment variables for children, e.g. a licence server. Nothing else of facecert's environment
    /// reaches a plugin: see ``childEnvironment(sandbox:)``.
    public var environment: [String: String]
    /// Where `facecert-plugin-host` is; `nil` searches as ``PluginHostLocator`` describes.
    public var hostExecutable: String?

    public init(
        limits: PluginLimits = .default, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        stderrLogPath: String? = nil, environment: [String: String] = [:], hostExecutable: String? = nil
    ) {
        self.limits = limits
        self.workers = max(1, workers)
        self.stderrLogPath = stderrLogPath
        self.environment = environment
        self.hostExecutable = hostExecutable
    }

    /// The complete environment of a plugin child: `PATH=/usr/local/bin:/usr/bin:/bin`, `LANG=C.UTF-8`,
    /// `LC_ALL=C.UTF-8`, `HOME` and `TMPDIR` set to the empty per-run sandbox directory (also the child's working
    /// directory), `PYTHONDONTWRITEBYTECODE=1`, `PYTHONUNBUFFERED=1`, then ``environment`` (which may override).
    /// No variable of facecert's own environment is inherited, so no path to the suite can leak.
    ///
    /// - Parameter sandbox: The child's working directory.
    /// - Returns: `NAME=value` strings, sorted by name.
    public func childEnvironment(sandbox: String) -> [String] {
        var variables: [String: String] = [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": sandbox,
            "TMPDIR": sandbox, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1",
        ]
        for (name, value) in environment { variables[name] = value }
        return variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }
}
