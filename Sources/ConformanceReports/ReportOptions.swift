/// Choices a report writer makes that a lab may want to change.
public struct ReportOptions: Sendable, Hashable {
    /// Whether an inconclusive "shall" requirement is a failed JUnit test case (`true`, the default) or a skipped
    /// one.
    ///
    /// The default follows the exit status of `facecert run` (2, not 0, when a "shall" requirement is
    /// inconclusive): a suite that cannot show a limit at the required confidence has not shown conformance, so
    /// CI must not turn green on it.
    public var inconclusiveShallIsFailure: Bool

    /// At most this many individual faults are listed per fault class in the JUnit test case and the HTML page;
    /// the rest are counted (report.json keeps them all).
    public var maximumListedFaultsPerClass: Int

    /// Creates options; the defaults are those `facecert run` uses.
    public init(inconclusiveShallIsFailure: Bool = true, maximumListedFaultsPerClass: Int = 50) {
        self.inconclusiveShallIsFailure = inconclusiveShallIsFailure
        self.maximumListedFaultsPerClass = maximumListedFaultsPerClass
    }
}
