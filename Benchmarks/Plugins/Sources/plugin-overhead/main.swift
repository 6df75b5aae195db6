// plugin-overhead: per-comparison cost of each matcher plugin adapter against a no-op in-process matcher,
// measured in one run on one machine (ratios and differences, not absolute speeds, are the result).
//
// Every adapter runs a matcher that does nothing (NoOpMatcher, noop_matcher.c, noop_matcher.py) with 64-byte
// templates and one worker; the figure is the best of several rounds of wall-clock time per comparison.
// Targets (issue 4): shared library in a child process ≤ 5 µs, out-of-process batched ≤ 20 µs per comparison.
import FaceImaging
import Foundation
import MatcherPlugins

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let root = here.deletingLastPathComponent().deletingLastPathComponent()

func shell(_ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}

let library = NSTemporaryDirectory() + "facecert-bench-noop-\(getpid()).so"
guard shell(["cc", "-O2", "-shared", "-fPIC", "-I", root.appendingPathComponent("plugins/c/include").path,
             here.appendingPathComponent("noop_matcher.c").path, "-o", library])
else { fatalError("cc failed to build noop_matcher.c") }
defer { try? FileManager.default.removeItem(atPath: library) }

// The host from the root package's build (build it there first), else from this package's build.
let hostCandidates = [
    root.appendingPathComponent(".build/release/facecert-plugin-host").path,
    root.appendingPathComponent(".build/debug/facecert-plugin-host").path,
]
let host = PluginHostLocator.locate(explicit: nil) ?? hostCandidates.first { FileManager.default.isExecutableFile(atPath: $0) }

let pairsCount = 100_000
let batch = 1024
let template = Template(bytes: [UInt8](repeating: 7, count: 64))
let pairs = Array(repeating: TemplatePair(verification: template, enrolment: template), count: batch)

/// Best-of-rounds nanoseconds per comparison.
func measure(_ matcher: any FaceMatcher, batched: Bool, comparisons: Int) -> Double {
    var best = Double.infinity
    for _ in 0..<5 {
        let start = ContinuousClock.now
        if batched {
            for _ in 0..<(comparisons / batch) { _ = matcher.compare(pairs) }
        } else {
            for _ in 0..<comparisons { _ = try? matcher.compare(verification: template, enrolment: template) }
        }
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        let nanoseconds = Double(seconds) * 1e9 + Double(attoseconds) / 1e9
        best = min(best, nanoseconds / Double(batched ? (comparisons / batch) * batch : comparisons))
    }
    return best
}

let configuration = PluginConfiguration(workers: 1, hostExecutable: host)
let factory = MatcherFactory(builtIns: MatcherFactory.plumbingBuiltIns, configuration: configuration)
var python: String? = nil
for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
    if FileManager.default.isExecutableFile(atPath: "\(directory)/python3") { python = "\(directory)/python3"; break }
}

struct Row { var name: String; var nanoseconds: Double; var target: Double? }
var rows: [Row] = []
let baseline = NoOpMatcher()
rows.append(Row(name: "no-op Swift, direct (baseline)", nanoseconds: measure(baseline, batched: true, comparisons: pairsCount)))
@MainActor func run(_ name: String, _ spec: String, batched: Bool, comparisons: Int, target: Double? = nil) {
    do {
        let matcher = try factory.make(spec)
        defer { matcher.close() }
        _ = matcher.compare(pairs)  // warm up
        rows.append(Row(name: name, nanoseconds: measure(matcher, batched: batched, comparisons: comparisons), target: target))
    } catch {
        print("skipped \(name): \(error)")
    }
}
run("built-in via InProcessMatcher, batch \(batch)", "noop", batched: true, comparisons: pairsCount)
run("lib-inprocess: (dlopen here), batch \(batch)", "lib-inprocess:\(library)", batched: true, comparisons: pairsCount)
run("lib: child process, batch \(batch)", "lib:\(library)", batched: true, comparisons: pairsCount, target: 5000)
run("lib: child process, one pair per call", "lib:\(library)", batched: false, comparisons: 5000)
if let python {
    let script = here.appendingPathComponent("noop_matcher.py").path
    run("exec: Python SDK, batch \(batch)", "exec:\(python) \(script)", batched: true, comparisons: 20 * batch, target: 20000)
    run("exec: Python SDK, one pair per call", "exec:\(python) \(script)", batched: false, comparisons: 2000)
} else {
    print("skipped the Python rows: python3 not on PATH")
}

let base = rows[0].nanoseconds
print("per-comparison cost, 64-byte templates, 1 worker, best of 5 rounds; host: \(host ?? "not found")")
print("adapter".padding(toLength: 44, withPad: " ", startingAt: 0) + "     ns/cmp   overhead vs baseline   target")
var allMet = true
for row in rows {
    let overhead = row.nanoseconds - base
    var target = ""
    if let limit = row.target {
        let met = overhead <= limit
        allMet = allMet && met
        target = "≤ \(Int(limit / 1000)) µs: \(met ? "met" : "MISSED")"
    }
    print(row.name.padding(toLength: 44, withPad: " ", startingAt: 0)
        + String(format: " %10.1f   %14.2f µs      %@", row.nanoseconds, overhead / 1000, target))
}
if !allMet { exit(1) }
