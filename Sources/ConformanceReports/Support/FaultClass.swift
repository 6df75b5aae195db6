import ConformanceRunner

/// A group of plugin faults with the same call and code (one JUnit test case, one table row).
struct FaultClass: Hashable {
    var call: String
    var code: String
    var faults: [ConformanceReport.FaultRecord]
    var name: String { "\(call): \(code)" }
}
