// Times ScoreSet construction (validation + in-place radix sort) + EER + FNMR at FMR 1e-2…1e-6 on scores read from
// raw little-endian float64 files, and reports peak memory per score. Prints one JSON object.
//
// Usage: MetricsBenchmark MATED.f64 NONMATED.f64 [REPEATS]
import BiometricMetrics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func fail(_ message: String) -> Never {
    let text = Array("MetricsBenchmark: \(message)\n".utf8)
    _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}

/// Reads a raw float64 file straight into the array's storage (no intermediate copy).
func readScores(_ path: String) -> [Double] {
    guard let handle = fopen(path, "rb") else { fail("cannot open \(path)") }
    defer { fclose(handle) }
    fseek(handle, 0, SEEK_END)
    let count = Int(ftell(handle)) / MemoryLayout<Double>.size
    fseek(handle, 0, SEEK_SET)
    return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
        let read = fread(buffer.baseAddress, MemoryLayout<Double>.size, count, handle)
        initialized = read
    }
}

/// A field of /proc/self/status in bytes (Linux); 0 elsewhere.
func statusBytes(_ field: String) -> Int {
    guard let handle = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(handle) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, handle) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix(field + ":") {
            let digits = text.dropFirst(field.count + 1).filter(\.isNumber)
            return (Int(String(digits)) ?? 0) * 1024
        }
    }
    return 0
}

struct Result {
    var seconds: Double
    var eer: EqualErrorRate
    var points: [OperatingPoint]
}

func run(_ matedPath: String, _ nonMatedPath: String) -> Result {
    let mated = readScores(matedPath)
    let nonMated = readScores(nonMatedPath)
    let clock = ContinuousClock()
    let start = clock.now
    do {
        let set = try ScoreSet(mated: consume mated, nonMated: consume nonMated)
        guard let eer = set.equalErrorRate() else { fail("no EER") }
        let points = try ScoreSet.standardFMRTargets.map { try set.operatingPoint(atFMR: $0) }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Result(seconds: seconds, eer: eer, points: points)
    } catch {
        fail("\(error)")
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: MetricsBenchmark MATED.f64 NONMATED.f64 [REPEATS]") }
let repeats = arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3
let baseline = statusBytes("VmRSS")
var first = run(arguments[1], arguments[2])
let peak = statusBytes("VmHWM")
var best = first.seconds
for _ in 1..<max(1, repeats) {
    let again = run(arguments[1], arguments[2])
    best = min(best, again.seconds)
}
let scores = first.points[0].falseMatches.trials + first.points[0].falseNonMatches.trials
let fnmr = first.points.map { "\"\($0.targetFMR)\": \($0.isReachable ? "\($0.fnmr ?? -1)" : "null")" }
    .joined(separator: ", ")
print(
    """
    {"scores": \(scores), "seconds": \(best), "firstSeconds": \(first.seconds), \
    "peakBytes": \(peak), "baselineBytes": \(baseline), \
    "bytesPerScore": \(Double(peak - baseline) / Double(scores)), \
    "eer": \(first.eer.value), "eerThreshold": \(first.eer.threshold), "fnmrAtFmr": {\(fnmr)}}
    """)
