import FaceImaging
import Foundation
import MatcherPlugins
import Testing

/// Crashing, hanging, garbage-writing and lying plugins end as recorded faults while the run completes.
struct PluginFaultTests {
    /// Short limits so hangs end quickly; generous enough for a loaded CI machine.
    static let shortLimits = PluginLimits(
        templateTime: .milliseconds(1500), comparisonTime: .milliseconds(1500), startTime: .seconds(20), maxRestarts: 10)

    /// Creates an enrolment template of every face, collecting outcomes (the run never stops on a failure).
    static func templates(_ matcher: any HostedMatcher, _ faces: [FaceImage]) -> [Result<Template, MatcherError>] {
        faces.map { face in
            Result { () throws(MatcherError) in try matcher.createTemplate(from: face, role: .enrolment).template }
        }
    }

    static func codes<T>(_ results: [Result<T, MatcherError>]) -> [MatcherError.Code?] {
        results.map { result in
            if case .failure(let error) = result { return error.code }
            return nil
        }
    }

    @Test(.enabled(if: PluginFixtures.faceTestsEnabled))
    func sharedLibraryCrashingEveryThirdCallIsRestartedAndEveryLostCallRecorded() throws {
        let faces = try PluginFixtures.orlFaces(subjects: 4)
        let library = try PluginFixtures.library("Tests/PluginFixtures/faulty_matcher.c", defines: ["FAULT_CRASH_EVERY=3"])
        let matcher = try PluginFixtures.factory(workers: 1, limits: Self.shortLimits).make("lib:\(library)")
        defer { matcher.close() }
        let results = Self.templates(matcher, faces)
        // Each child serves calls 1, 2 and dies on its 3rd: template creations 2 and 5 are lost (0-based).
        #expect(Self.codes(results) == [nil, nil, .crash, nil, nil, .crash, nil, nil])
        let faults = matcher.faults
        #expect(faults.map(\.callIndex) == [2, 5])
        #expect(faults.allSatisfy { $0.code == .crash && $0.call == .createTemplate })
        #expect(faults.first?.message.contains("SIGSEGV") == true, "\(faults)")
        let expected = try TinyMatcher().createTemplate(from: faces[0], role: .enrolment).template
        #expect(try results[0].get() == expected)
    }

    @Test(.enabled(if: PluginFixtures.pythonTestsEnabled))
    func pythonPluginCrashingEveryThirdCallLosesOnlyThoseCalls() throws {
        let faces = (0..<6).compactMap { try? PluginFixtures.noiseImage(width: 20, height: 20, format: .gray8, seed: UInt64($0)) }
        let matcher = try PluginFixtures.factory(workers: 1, limits: Self.shortLimits)
            .make(try PluginFixtures.pythonSpec("Tests/PluginFixtures/faulty_matcher.py", "crash3"))
        defer { matcher.close() }
        let results = Self.templates(matcher, faces)
        #expect(Self.codes(results) == [nil, nil, .crash, nil, nil, .crash])
        #expect(matcher.faults.count == 2)
    }

    @Test(.enabled(if: PluginFixtures.faceTestsEnabled))
    func hungSharedLibraryIsKilledRecordedAsTimeoutAndTheRunContinues() throws {
        let faces = try PluginFixtures.orlFaces(subjects: 2)
        let library = try PluginFixtures.library("Tests/PluginFixtures/faulty_matcher.c", defines: ["FAULT_HANG_ON=2"])
        let limits = PluginLimits(templateTime: .milliseconds(1500), startTime: .seconds(20))
        let matcher = try PluginFixtures.factory(workers: 1, limits: limits).make("lib:\(library)")
        defer { matcher.close() }
        let results = Self.templates(matcher, faces)
        // Template 1 (the child's 2nd) hangs; the restarted child serves template 2 as its 1st and template 3 as its
        // 2nd, which hangs again.
        #expect(Self.codes(results) == [nil, .timeout, nil, .timeout])
        #expect(matcher.faults.map(\.code) == [.timeout, .timeout])
        #expect(matcher.faults.map(\.callIndex) == [1, 3])
        #expect(matcher.faults.first?.message.contains("SIGKILL") == true)
    }

    @Test(.enabled(if: PluginFixtures.pythonTestsEnabled))
    func hungPythonPluginIsKilledAndRecordedAsTimeout() throws {
        let faces = (0..<3).compactMap { try? PluginFixtures.noiseImage(width: 16, height: 16, format: .rgb8, seed: UInt64($0)) }
        let limits = PluginLimits(templateTime: .milliseconds(1500), startTime: .seconds(20))
        let matcher = try PluginFixtures.factory(workers: 1, limits: limits)
            .make(try PluginFixtures.pythonSpec("Tests/PluginFixtures/faulty_matcher.py", "hang"))
        defer { matcher.close() }
        let results = Self.templates(matcher, faces)
        #expect(Self.codes(results) == [nil, .timeout, nil])
        #expect(matcher.faults.map(\.code) == [.timeout])
    }

    @Test(.enabled(if: PluginFixtures.pythonTestsEnabled))
    func pluginWritingGarbageIsAProtocolViolationNamingTheCall() throws {
        let faces = (0..<4).compactMap { try? PluginFixtures.noiseImage(width: 16, height: 16, format: .gray8, seed: UInt64($0)) }
        let matcher = try PluginFixtures.factory(workers: 1, limits: Self.shortLimits)
            .make(try PluginFixtures.pythonSpec("Tests/PluginFixtures/faulty_matcher.py", "garbage"))
        defer { matcher.close() }
        let results = Self.templates(matcher, faces)
        // The restarted child serves template 2 as its 1st and writes garbage again on its 2nd, template 3.
        #expect(Self.codes(results) == [nil, .protocolViolation, nil, .protocolViolation])
        let fault = try #require(matcher.faults.first)
        #expect(fault.call == .createTemplate && fault.callIndex == 1 && fault.code == .protocolViolation)
        #expect(fault.message.contains("template creation 1"), "\(fault.message)")
    }

    @Test(.enabled(if: PluginFixtures.pythonTestsEnabled))
    func nanScoresAreProtocolViolationsForThosePairsOnly() throws {
        let matcher = try PluginFixtures.factory(workers: 1)
            .make(try PluginFixtures.pythonSpec("Tests/PluginFixtures/faulty_matcher.py", "nan"))
        defer { matcher.close() }
        let template = Template(bytes: [UInt8](repeating: 9, count: 64))
        let pairs = Array(repeating: TemplatePair(verification: template, enrolment: template), count: 7)
        let results = matcher.compare(pairs)
        #expect(Self.codes(results) == [nil, nil, .protocolViolation, nil, nil, .protocolViolation, nil])
        #expect(matcher.faults.map(\.callIndex) == [2, 5])
        #expect(matcher.faults.allSatisfy { $0.message.contains("NaN") })
        // The child was not restarted: the next batch continues its count (8th comparison fine, 9th NaN).
        #expect(Self.codes(matcher.compare(Array(pairs.prefix(2)))) == [nil, .protocolViolation])
    }

    @Test(.enabled(if: PluginFixtures.faceTestsEnabled))
    func nanFromASharedLibraryInAChildIsRecordedLikeAnyOther() throws {
        let library = try PluginFixtures.library("Tests/PluginFixtures/faulty_matcher.c", defines: ["FAULT_NAN_EVERY=2"])
        for spec in ["lib:\(library)", "lib-inprocess:\(library)"] {
            let matcher = try PluginFixtures.factory(workers: 1).make(spec)
            defer { matcher.close() }
            let template = Template(bytes: [UInt8](repeating: 3, count: 64))
            let results = matcher.compare(Array(repeating: TemplatePair(verification: template, enrolment: template), count: 4))
            #expect(Self.codes(results) == [nil, .protocolViolation, nil, .protocolViolation], "\(spec)")
            #expect(matcher.faults.count == 2, "\(spec)")
        }
    }

    @Test(.enabled(if: PluginFixtures.pythonTestsEnabled))
    func negativeDistancesAreProtocolViolations() throws {
        let matcher = try PluginFixtures.factory(workers: 1)
            .make(try PluginFixtures.pythonSpec("Tests/PluginFixtures/faulty_matcher.py", "negative"))
        defer { matcher.close() }
        #expect(matcher.identity.scoreKind == .distance)
        let template = Template(bytes: [UInt8](repeating: 9, count: 64))
        let results = matcher.compare(Array(repeating: TemplatePair(verification: template, enrolment: template), count: 4))
        #expect(Self.codes(results) == [nil, .protocolViolation, nil, .protocolViolation])
        #expect(matcher.faults.first?.message.contains("negative") == true)
    }

    @Test(.enabled(if: PluginFixtures.faceTestsEnabled))
    func pluginPrintingOnStdoutInsideTheHostDoesNotCorruptTheProtocol() throws {
        let faces = try PluginFixtures.orlFaces(subjects: 1)
        let log = NSTemporaryDirectory() + "facecert-stdout-test-\(getpid()).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let library = try PluginFixtures.library("Tests/PluginFixtures/faulty_matcher.c", defines: ["FAULT_STDOUT"])
        let matcher = try PluginFixtures.factory(workers: 1, stderrLog: log).make("lib:\(library)")
        let results = Self.templates(matcher, faces)
        matcher.close()
        #expect(Self.codes(results) == [nil, nil])
        #expect(matcher.faults.isEmpty)
        #expect(matcher.stderrLogPath == log)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("fixture: call 2 says hello on stdout"), "the plugin's stdout lands in the log: \(text)")
    }

    @Test(.enabled(if: PluginFixtures.faceTestsEnabled))
    func afterTheRestartLimitEveryCallFailsAsACrashWithoutStartingThePlugin() throws {
        let library = try PluginFixtures.library("Tests/PluginFixtures/faulty_matcher.c", defines: ["FAULT_CRASH_EVERY=1"])
        // Crashing on every call: handshake succeeds (no call yet), then every call crashes.
        let limits = PluginLimits(maxRestarts: 2)
        let matcher = try PluginFixtures.factory(workers: 1, limits: limits).make("lib:\(library)")
        defer { matcher.close() }
        let faces = try PluginFixtures.orlFaces(subjects: 3)
        let results = Self.templates(matcher, faces)
        #expect(Self.codes(results) == Array(repeating: .crash, count: 6))
        let messages = matcher.faults.map(\.message)
        #expect(messages.count == 6)
        #expect(messages.suffix(3).allSatisfy { $0.contains("no longer started") }, "\(messages)")
    }
}
