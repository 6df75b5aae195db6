/// One line of `facecert plugin validate`'s findings table.
public struct ValidationFinding: Sendable, Hashable, Codable {
    /// How bad a finding is. Only `failure` makes validation fail.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case pass, warning, failure

        private var rank: Int {
            switch self {
            case .pass: 0
            case .warning: 1
            case .failure: 2
            }
        }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The check, e.g. `determinism.template`, `symmetry`, `probe.noise`, `timing.template`, `fault`.
    public var check: String
    public var severity: Severity
    /// What was seen, naming the probe or pair, and what to do.
    public var message: String

    public init(check: String, severity: Severity, message: String) {
        self.check = check
        self.severity = severity
        self.message = message
    }
}

/// The outcome of validating one matcher.
public struct ValidationReport: Sendable, Hashable, Codable {
    public var identity: MatcherIdentity
    public var findings: [ValidationFinding]

    public init(identity: MatcherIdentity, findings: [ValidationFinding]) {
        self.identity = identity
        self.findings = findings
    }

    /// Whether no finding is a failure.
    public var passed: Bool { !findings.contains { $0.severity == .failure } }

    /// A plain-text table: `RESULT  CHECK  MESSAGE`, one finding a line, then a summary line.
    public func table() -> String {
        let width = max(5, findings.map(\.check.count).max() ?? 5)
        var lines = [
            "matcher: \(identity.name) \(identity.version) (\(identity.vendor)), \(identity.scoreKind.rawValue)"
                + (identity.declaredThreshold.map { ", declared threshold \($0)" } ?? "")
                + (identity.symmetric ? ", symmetric" : ""),
            "result   " + "check".padding(toLength: width, withPad: " ", startingAt: 0) + "  finding",
        ]
        for finding in findings {
            let result = finding.severity.rawValue.uppercased().padding(toLength: 7, withPad: " ", startingAt: 0)
            lines.append(
                "\(result)  \(finding.check.padding(toLength: width, withPad: " ", startingAt: 0))  \(finding.message)")
        }
        let failures = findings.filter { $0.severity == .failure }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        lines.append(passed ? "PASSED (\(warnings) warnings)" : "FAILED: \(failures) failures, \(warnings) warnings")
        return lines.joined(separator: "\n")
    }
}
