import FaceImaging
import MatcherPlugins
import Testing

/// `plugin validate`'s checks pass honest plugins and fail lying ones.
struct PluginValidatorTests {
    static func validate(_ spec: String) throws -> ValidationReport {
        let faces = try PluginFixtures.orlFaces(subjects: 4)
        let matcher = try PluginFixtures.factory(workers: 2).make(spec)
        defer { matcher.close() }
        return PluginValidator().validate(matcher, faces: faces)
    }

    static func failedChecks(_ report: ValidationReport) -> Set<String> {
        Set(report.findings.filter { $0.severity == .failure }.map(\.check))
    }

    @Test(.enabled(if: PluginFixtures.faceTestsEnabled && PluginFixtures.pythonTestsEnabled))
    func examplePluginsInCAndPythonAndTheSwiftBuiltInPass() throws {
        let specs = [
            "tiny", "lib:\(try PluginFixtures.library())",
            try PluginFixtures.pythonSpec("plugins/python/examples/tiny_matcher.py"),
        ]
        for spec in specs {
            let report = try Self.validate(spec)
            #expect(report.passed, "\(spec):\n\(report.table())")
            let checks = Set(report.findings.map(\.check))
            for check in [
                "determinism.template", "determinism.score", "templates.distinct", "scores.valid", "scores.kind",
                "scores.unique", "symmetry", "threshold", "timing.template", "timing.compare", "probe.tiny",
                "probe.noise", "probe.blank", "probe.rotatedFace", "probe.largeFace",
            ] {
                #expect(checks.contains(check), "\(spec): no \(check) finding")
            }
        }
    }

    @Test(.enabled(if: PluginFixtures.faceTestsEnabled && PluginFixtures.pythonTestsEnabled))
    func pluginReturningConstantTemplatesAndScoresFails() throws {
        let report = try Self.validate(try PluginFixtures.pythonSpec("Tests/PluginFixtures/faulty_matcher.py", "lying"))
        #expect(!report.passed)
        #expect(Self.failedChecks(report).isSuperset(of: ["templates.distinct", "scores.unique", "scores.kind"]), "\(report.table())")
        #expect(report.table().contains("FAILED"))
    }

    @Test(.enabled(if: PluginFixtures.faceTestsEnabled && PluginFixtures.pythonTestsEnabled))
    func pluginDeclaringSymmetryItDoesNotHaveFails() throws {
        let report = try Self.validate(try PluginFixtures.pythonSpec("Tests/PluginFixtures/faulty_matcher.py", "asymmetric"))
        #expect(Self.failedChecks(report) == ["symmetry"], "\(report.table())")
    }

    @Test(.enabled(if: PluginFixtures.faceTestsEnabled))
    func crashingPluginFailsWithItsFaultsListed() throws {
        let library = try PluginFixtures.library("Tests/PluginFixtures/faulty_matcher.c", defines: ["FAULT_CRASH_EVERY=3"])
        let report = try Self.validate("lib:\(library)")
        #expect(!report.passed)
        #expect(Self.failedChecks(report).contains("fault"), "\(report.table())")
    }

    @Test(.enabled(if: PluginFixtures.faceTestsEnabled))
    func inProcessMatcherWithInvertedScoreKindFails() throws {
        struct Inverted: FaceMatcher {
            let identity = MatcherIdentity(name: "inv", version: "1", vendor: "t", scoreKind: .distance)
            func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
                try TinyMatcher().createTemplate(from: image, role: role)
            }
            func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double {
                try TinyMatcher().compare(verification: verification, enrolment: enrolment)
            }
        }
        let report = PluginValidator().validate(Inverted(), faces: try PluginFixtures.orlFaces(subjects: 3))
        #expect(Self.failedChecks(report) == ["scores.kind"], "\(report.table())")
    }

    @Test func fewerThanTwoFacesIsAFailureNotACrash() throws {
        let report = PluginValidator().validate(TinyMatcher(), faces: [])
        #expect(!report.passed)
        #expect(Self.failedChecks(report) == ["probe.faces"])
    }
}
