import FaceImaging
import MatcherPlugins
import Testing

/// The Python SDK carries roles, eye positions and quality, and its values are checked like any plugin's.
struct PythonSDKTests {
    static let image = try? PluginFixtures.noiseImage(width: 12, height: 10, format: .rgb8, seed: 11)

    @Test(.enabled(if: PluginFixtures.pythonTestsEnabled))
    func eyePositionsAndQualityReachTheHarness() throws {
        let matcher = try PluginFixtures.factory(workers: 1)
            .make(try PluginFixtures.pythonSpec("Tests/PluginFixtures/faulty_matcher.py", "extras"))
        defer { matcher.close() }
        let created = try matcher.createTemplate(from: try #require(Self.image), role: .enrolment)
        #expect(created.eyes == EyePositions(left: ImagePoint(x: 1, y: 2), right: ImagePoint(x: 3, y: 4)))
        #expect(created.quality == 55.5)
        #expect(created.template.bytes.count == 64)
    }

    @Test(.enabled(if: PluginFixtures.pythonTestsEnabled))
    func qualityOutsideZeroToHundredIsAProtocolViolation() throws {
        let matcher = try PluginFixtures.factory(workers: 1)
            .make(try PluginFixtures.pythonSpec("Tests/PluginFixtures/faulty_matcher.py", "badquality"))
        defer { matcher.close() }
        let image = try #require(Self.image)
        let result = Result { () throws(MatcherError) in try matcher.createTemplate(from: image, role: .enrolment) }
        guard case .failure(let error) = result else {
            Issue.record("quality 150 was accepted")
            return
        }
        #expect(error.code == .protocolViolation && error.message.contains("quality"), "\(error)")
        #expect(matcher.faults.count == 1)
    }

    @Test(.enabled(if: PluginFixtures.pythonTestsEnabled))
    func twoArgumentCreateTemplateReceivesTheRole() throws {
        let matcher = try PluginFixtures.factory(workers: 1)
            .make(try PluginFixtures.pythonSpec("Tests/PluginFixtures/faulty_matcher.py", "role"))
        defer { matcher.close() }
        let image = try #require(Self.image)
        #expect(try matcher.createTemplate(from: image, role: .enrolment).template.bytes == Array("enrolment".utf8))
        #expect(try matcher.createTemplate(from: image, role: .verification).template.bytes == Array("verification".utf8))
    }
}
