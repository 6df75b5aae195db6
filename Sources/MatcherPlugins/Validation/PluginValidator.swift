import BiometricMetrics
import FaceImaging

/// The checks of `facecert plugin validate`, usable on any ``FaceMatcher`` (FaceCertTesting runs them on an
/// in-process instance), in the spirit of NIST FRTE's validation package.
///
/// On the ``ProbeImage/standardSet(faces:seed:)`` probes it checks:
/// - no call faults (timeout, crash, protocol violation) on any probe — failure otherwise;
/// - every normal face gives a template (a refusal is a warning; all refused is a failure); odd probes (blank,
///   noise, tiny, rotated, large) may be refused but must not fault;
/// - determinism: the same image and role twice give the same template bytes; the same pair twice the same score
///   (bit for bit), batched and one by one;
/// - templates of different faces are not all identical;
/// - scores are finite and of the declared kind (no negative distance), and the kind is not inverted: the mean
///   score of comparisons of a face with itself must be more alike than the mean over different faces;
/// - at least half of the scores between different faces are distinct values;
/// - symmetry where declared: `compare(v(a), e(b)) == compare(v(b), e(a))`;
/// - the declared threshold lies within the observed score range (warning otherwise);
/// - the slowest template creation and comparison against the limits (failure above, warning above half);
/// - every ``PluginFault`` a ``HostedMatcher`` recorded.
public struct PluginValidator: Sendable {
    /// The limits timing is judged against.
    public var limits: PluginLimits

    public init(limits: PluginLimits = .default) { self.limits = limits }

    /// Runs every check.
    ///
    /// - Parameters:
    ///   - matcher: The matcher (adapters record faults; plain matchers are judged by their results).
    ///   - faces: Normal face images, at least two (eight are plenty).
    /// - Returns: The findings, in check order.
    /// - Complexity: O(n²) comparisons for n faces, plus 2–3 template creations per probe.
    public func validate(_ matcher: any FaceMatcher, faces: [FaceImage]) -> ValidationReport {
        let identity = matcher.identity
        var findings: [ValidationFinding] = []
        func add(_ check: String, _ severity: ValidationFinding.Severity, _ message: String) {
            findings.append(ValidationFinding(check: check, severity: severity, message: message))
        }
        add("identity", .pass, "\(identity.name) \(identity.version) by \(identity.vendor), \(identity.scoreKind.rawValue) scores")
        guard faces.count >= 2 else {
            add("probe.faces", .failure, "validation needs at least two normal face images, got \(faces.count); pass --faces DIR")
            return ValidationReport(identity: identity, findings: findings)
        }

        var slowestTemplate = Duration.zero
        var enrolment: [Int: Template] = [:]
        var verification: [Int: Template] = [:]
        var faceTemplatesRefused = 0
        let probes = ProbeImage.standardSet(faces: faces)
        var nondeterministic = 0
        for (probeIndex, probe) in probes.enumerated() {
            var outcomes: [Result<CreatedTemplate, MatcherError>] = []
            for role in [TemplateRole.enrolment, .enrolment, .verification] {
                let start = ContinuousClock.now
                outcomes.append(Result { () throws(MatcherError) in try matcher.createTemplate(from: probe.image, role: role) })
                slowestTemplate = max(slowestTemplate, ContinuousClock.now - start)
            }
            let size = "\(probe.image.width)x\(probe.image.height) \(probe.image.format.rawValue)"
            let faults = outcomes.compactMap { outcome -> MatcherError? in
                guard case .failure(let error) = outcome, Self.isFault(error.code) else { return nil }
                return error
            }
            if let fault = faults.first {
                add("probe.\(probe.kind.rawValue)", .failure, "\(probe.name) (\(size)): \(fault)")
                if probe.kind == .face { faceTemplatesRefused += 1 }
                continue
            }
            let before = findings.count
            switch (outcomes[0], outcomes[1]) {
            case (.success(let a), .success(let b)):
                if a.template != b.template {
                    add("determinism.template", .failure, "\(probe.name) (\(size)): two enrolment templates of the same image differ")
                }
            case (.failure(let a), .failure(let b)):
                if a.code != b.code {
                    add("determinism.template", .failure, "\(probe.name): the same image gave \(a.code) then \(b.code)")
                }
            default:
                add("determinism.template", .failure, "\(probe.name): the same image succeeded once and failed once")
            }
            nondeterministic += findings.count - before
            switch (probe.kind, outcomes[0], outcomes[2]) {
            case (.face, .success(let e), .success(let v)):
                enrolment[probeIndex] = e.template
                verification[probeIndex] = v.template
            case (.face, .failure(let error), _), (.face, _, .failure(let error)):
                faceTemplatesRefused += 1
                add("probe.face", .warning, "\(probe.name) (\(size)): no template: \(error)")
            case (_, .failure(let error), _):
                add("probe.\(probe.kind.rawValue)", .pass, "\(probe.name) (\(size)): \(error.code)\(error.code.isRefusal ? " (refusal)" : "")")
            default:
                add("probe.\(probe.kind.rawValue)", .pass, "\(probe.name) (\(size)): template created")
            }
        }
        if nondeterministic == 0 {
            add("determinism.template", .pass, "every probe gave the same outcome and template bytes twice")
        }
        let faceIndices = enrolment.keys.sorted()
        if faceIndices.count < 2 {
            add("probe.face", .failure, "only \(faceIndices.count) of \(faces.count) normal faces gave templates; nothing to compare")
        } else {
            add("probe.face", faceTemplatesRefused == 0 ? .pass : .warning,
                "\(faceIndices.count) of \(faces.count) normal faces gave templates")
            findings += compareChecks(matcher, identity: identity, faceIndices: faceIndices, enrolment: enrolment, verification: verification)
        }
        timing(&findings, "timing.template", slowestTemplate, limits.templateTime, "template creation")
        if let hosted = matcher as? any HostedMatcher {
            for fault in hosted.faults {
                add("fault", .failure, fault.description)
            }
        }
        return ValidationReport(identity: identity, findings: findings)
    }

    private func compareChecks(
        _ matcher: any FaceMatcher, identity: MatcherIdentity, faceIndices: [Int], enrolment: [Int: Template],
        verification: [Int: Template]
    ) -> [ValidationFinding] {
        var findings: [ValidationFinding] = []
        func add(_ check: String, _ severity: ValidationFinding.Severity, _ message: String) {
            findings.append(ValidationFinding(check: check, severity: severity, message: message))
        }
        let enrolmentList = faceIndices.compactMap { enrolment[$0] }
        if Set(enrolmentList).count == 1 {
            add("templates.distinct", .failure, "all \(enrolmentList.count) face templates are identical: the matcher ignores its input")
        } else {
            add("templates.distinct", .pass, "\(Set(enrolmentList).count) distinct templates from \(enrolmentList.count) faces")
        }

        var keys: [(Int, Int)] = []
        var pairs: [TemplatePair] = []
        for i in faceIndices {
            for j in faceIndices {
                guard let v = verification[i], let e = enrolment[j] else { continue }
                keys.append((i, j))
                pairs.append(TemplatePair(verification: v, enrolment: e))
            }
        }
        let start = ContinuousClock.now
        let first = matcher.compare(pairs)
        let batchTime = ContinuousClock.now - start
        let second = matcher.compare(pairs)
        var singleSlowest = Duration.zero
        let singles: [Result<Double, MatcherError>] = pairs.prefix(8).map { pair in
            let start = ContinuousClock.now
            defer { singleSlowest = max(singleSlowest, ContinuousClock.now - start) }
            return Result { () throws(MatcherError) in try matcher.compare(verification: pair.verification, enrolment: pair.enrolment) }
        }

        var scores: [Double] = []
        var scoreOf: [String: Double] = [:]
        var failures = 0
        for (index, result) in first.enumerated() {
            let (i, j) = keys[index]
            switch result {
            case .success(let score):
                if let problem = ScoreRules.violation(score, kind: identity.scoreKind) {
                    failures += 1
                    add("scores.valid", .failure, "pair (face \(i + 1), face \(j + 1)): \(problem)")
                    continue
                }
                scores.append(score)
                scoreOf["\(i),\(j)"] = score
            case .failure(let error):
                failures += 1
                if failures <= 5 { add("scores.valid", .failure, "pair (face \(i + 1), face \(j + 1)): \(error)") }
            }
        }
        if failures == 0 { add("scores.valid", .pass, "\(pairs.count) comparisons gave valid \(identity.scoreKind.rawValue) scores") }

        let bitEqual: (Result<Double, MatcherError>, Result<Double, MatcherError>) -> Bool = { a, b in
            switch (a, b) {
            case (.success(let x), .success(let y)): x.bitPattern == y.bitPattern
            case (.failure(let x), .failure(let y)): x.code == y.code
            default: false
            }
        }
        let unstable = zip(first, second).filter { !bitEqual($0, $1) }.count
        let unbatched = zip(first.prefix(singles.count), singles).filter { !bitEqual($0, $1) }.count
        if unstable > 0 || unbatched > 0 {
            add("determinism.score", .failure,
                "\(unstable) of \(pairs.count) comparisons changed when repeated, \(unbatched) of \(singles.count) differ between batched and single calls")
        } else {
            add("determinism.score", .pass, "\(pairs.count) comparisons repeated bit for bit, batched and single")
        }

        var same: [Double] = []
        var different: [Double] = []
        var unorderedDifferent: [Double] = []
        for (key, score) in scoreOf {
            let parts = key.split(separator: ",").compactMap { Int($0) }
            guard parts.count == 2 else { continue }
            if parts[0] == parts[1] { same.append(score) } else { different.append(score) }
            if parts[0] < parts[1] { unorderedDifferent.append(score) }
        }
        if !same.isEmpty, !different.isEmpty {
            let meanSame = same.reduce(0, +) / Double(same.count)
            let meanDifferent = different.reduce(0, +) / Double(different.count)
            let right = identity.scoreKind == .similarity ? meanSame > meanDifferent : meanSame < meanDifferent
            add("scores.kind", right ? .pass : .failure,
                "mean score of a face with itself \(meanSame), of different faces \(meanDifferent)"
                    + (right ? "" : ": the scores do not behave as a \(identity.scoreKind.rawValue); check the declared score kind"))
            // Unordered pairs, so a symmetric matcher's mirrored scores do not count as repeats.
            let unique = Set(unorderedDifferent.map(\.bitPattern)).count
            add("scores.unique", unique * 2 >= unorderedDifferent.count ? .pass : .failure,
                "\(unique) distinct values among the scores of \(unorderedDifferent.count) pairs of different faces "
                    + "(at least half required)")
        }

        if identity.symmetric {
            var asymmetric: [String] = []
            for i in faceIndices {
                for j in faceIndices where i < j {
                    guard let a = scoreOf["\(i),\(j)"], let b = scoreOf["\(j),\(i)"] else { continue }
                    if abs(a - b) > 1e-9 * max(1, abs(a), abs(b)) { asymmetric.append("(face \(i + 1), face \(j + 1)): \(a) vs \(b)") }
                }
            }
            add("symmetry", asymmetric.isEmpty ? .pass : .failure,
                asymmetric.isEmpty
                    ? "declared symmetric and compare(a, b) == compare(b, a) on every face pair"
                    : "declared symmetric but \(asymmetric.count) pairs differ, e.g. \(asymmetric[0])")
        }

        if let threshold = identity.declaredThreshold, let low = scores.min(), let high = scores.max() {
            let inside = low <= threshold && threshold <= high
            add("threshold", inside ? .pass : .warning,
                "declared threshold \(threshold), observed scores \(low)...\(high)"
                    + (inside ? "" : ": the threshold separates nothing on these faces"))
        }
        let perPair = pairs.isEmpty ? Duration.zero : batchTime / pairs.count
        timing(&findings, "timing.compare", max(singleSlowest, perPair), limits.comparisonTime, "comparison")
        return findings
    }

    private func timing(
        _ findings: inout [ValidationFinding], _ check: String, _ slowest: Duration, _ limit: Duration, _ what: String
    ) {
        let severity: ValidationFinding.Severity = slowest > limit ? .failure : slowest * 2 > limit ? .warning : .pass
        findings.append(
            ValidationFinding(
                check: check, severity: severity,
                message: "slowest \(what) \(Self.format(slowest)), limit \(Self.format(limit))"))
    }

    /// A duration for people: "45 µs", "23.7 ms", "1.50 s".
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        if value < 1e-3 { return "\(Int((value * 1e6).rounded())) µs" }
        if value < 1 { return "\((value * 1e4).rounded() / 10) ms" }
        return "\((value * 100).rounded() / 100) s"
    }

    static func isFault(_ code: MatcherError.Code) -> Bool {
        code == .timeout || code == .crash || code == .protocolViolation
    }
}
