import BiometricMetrics
import ConformanceVectors
import Foundation
import Testing

struct ProfileCatalogTests {
    static let specs = Fixtures.repositoryRoot.appendingPathComponent("specs")

    @Test func shippedProfilesLoadWithTheirStatedLimits() throws {
        let catalog = ProfileCatalog(specsDirectory: Self.specs)
        let (profiles, errors) = try catalog.loadAll()
        #expect(errors.isEmpty, "\(errors)")
        let byID = Dictionary(uniqueKeysWithValues: profiles.map { ($0.id, $0) })
        #expect(
            Set(byID.keys).isSuperset(of: [
                "nist-sp800-63b-4", "android-cdd-biometric-class3", "fido-biometric", "gb-t-38671-2020-basic",
                "nist-frte-1to1-reporting",
            ]))
        let sp = try #require(byID["nist-sp800-63b-4"])
        #expect(sp.requirements.map(\.metric) == [.fmr, .fnmr])
        #expect(sp.requirements.map(\.level) == [.shall, .should])
        #expect(sp.requirements[0].limit == 0.0001)
        #expect(sp.requirements[1].limit == 0.05 && !sp.requirements[1].limitInclusive)
        let fido = try #require(byID["fido-biometric"])
        #expect(fido.requirements.allSatisfy { $0.confidence == 0.8 })
        #expect(fido.isDraft, "reconstructed from public summaries: must be a draft")
        #expect(fido.provenance.contains("RECONSTRUCTED"))
        let android = try #require(byID["android-cdd-biometric-class3"])
        #expect(android.requirements.first { $0.metric == .far }?.limit == 0.00002)
        let gbt = try #require(byID["gb-t-38671-2020-basic"])
        #expect(gbt.isDraft && gbt.provenance.contains("SECONDARY SOURCES"))
        let frte = try #require(byID["nist-frte-1to1-reporting"])
        #expect(frte.reportingOnly && frte.requirements.isEmpty)
        #expect(frte.reported.map(\.operatingPoint) == [.fmrTarget(1e-4), .fmrTarget(1e-5), .fmrTarget(1e-6)])
        for profile in profiles where !profile.reportingOnly {
            // Minimum sizes are the zero-error rule: zero errors in n trials bound the rate within the limit.
            for requirement in profile.requirements where requirement.metric == .fmr || requirement.metric == .far {
                let n = try #require(profile.minimumSampleSizes.nonMatedComparisons)
                #expect(n == Int((log(1 - requirement.confidence) / log(1 - requirement.limit)).rounded(.up)))
            }
        }
    }

    /// Writes `specs/<id>/<version>.json` files for resolution tests.
    func writeProfile(
        _ specs: URL, id: String, version: String, status: String, metric: String = "FMR", fileVersion: String? = nil
    ) throws {
        let folder = specs.appendingPathComponent(id)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = """
            {"schema": "facecert.profile/1", "id": "\(id)", "version": "\(version)", "status": "\(status)",
             "title": "t", "source": {"document": "d"}, "provenance": "p",
             "requirements": [{"id": "r", "metric": "FNMR", "limit": 0.1, "operatingPoint": {"kind": "declaredThreshold"},
               "confidence": 0.95, "level": "shall", "statement": "s"},
              {"id": "r2", "metric": "\(metric)", "limit": 0.1, "operatingPoint": {"kind": "declaredThreshold"},
               "confidence": 0.95, "level": "should", "statement": "s"}]}
            """
        try text.write(
            to: folder.appendingPathComponent("\(fileVersion ?? version).json"), atomically: true, encoding: .utf8)
    }

    @Test func referenceWithoutVersionPicksTheNewestVersionThatIsNotWithdrawn() throws {
        try Fixtures.withTemporaryDirectory { root in
            let specs = root.appendingPathComponent("specs")
            try writeProfile(specs, id: "p", version: "1.0.0", status: "final")
            try writeProfile(specs, id: "p", version: "1.10.0", status: "final")
            try writeProfile(specs, id: "p", version: "1.9.0", status: "final")
            try writeProfile(specs, id: "p", version: "2.0.0", status: "withdrawn")
            try writeProfile(specs, id: "p", version: "2.1.0-rc.1", status: "withdrawn")
            let catalog = ProfileCatalog(specsDirectory: specs)
            #expect(try catalog.profile("p").version.description == "1.10.0")
            #expect(try catalog.profile("p@2.0.0").status == .withdrawn)
            #expect(throws: VectorsError.self) { try catalog.profile("p@3.0.0") }
            #expect(throws: VectorsError.self) { try catalog.profile("q") }
        }
    }

    @Test func catalogIsFoundFromANestedDirectoryAndByExplicitPathFirst() throws {
        try Fixtures.withTemporaryDirectory { root in
            let specs = root.appendingPathComponent("repo/specs")
            try writeProfile(specs, id: "p", version: "1.0.0", status: "final")
            let nested = root.appendingPathComponent("repo/a/b")
            try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
            let found = try ProfileCatalog.locate(startingAt: nested, environment: [:])
            #expect(found.specsDirectory.path == specs.standardizedFileURL.path)
            let other = root.appendingPathComponent("other")
            try writeProfile(other, id: "o", version: "1.0.0", status: "final")
            let fromEnvironment = try ProfileCatalog.locate(
                startingAt: nested, environment: ["FACECERT_SPECS": other.path])
            #expect(fromEnvironment.specsDirectory.path == other.standardizedFileURL.path)
            let explicit = try ProfileCatalog.locate(
                specsDirectory: specs, startingAt: nested, environment: ["FACECERT_SPECS": other.path])
            #expect(explicit.specsDirectory.path == specs.standardizedFileURL.path)
            #expect(throws: VectorsError.self) {
                try ProfileCatalog.locate(startingAt: root.appendingPathComponent("other"), environment: [:])
            }
        }
    }

    @Test func unknownMetricNamesFilePathAndSupportedMetrics() throws {
        try Fixtures.withTemporaryDirectory { root in
            let specs = root.appendingPathComponent("specs")
            try writeProfile(specs, id: "p", version: "1.0.0", status: "draft", metric: "FNMR_RATIO_MAX_MIN")
            do {
                _ = try ProfileCatalog(specsDirectory: specs).profile("p")
                Issue.record("an unknown metric must be refused")
            } catch let error as VectorsError {
                #expect(error.code == .unknownMetric)
                #expect(error.jsonPath == "$.requirements[1].metric")
                #expect(error.file?.hasSuffix("specs/p/1.0.0.json") == true)
                #expect(error.message.contains("FNMR_RATIO_MAX_MIN"))
                for metric in ErrorMetric.allCases { #expect(error.message.contains(metric.rawValue)) }
            }
        }
    }

    @Test func fileWhoseNameDisagreesWithItsVersionIsRefused() throws {
        try Fixtures.withTemporaryDirectory { root in
            let specs = root.appendingPathComponent("specs")
            try writeProfile(specs, id: "p", version: "1.0.1", status: "final", fileVersion: "1.0.0")
            #expect(throws: VectorsError.self) { try ProfileCatalog(specsDirectory: specs).profile("p@1.0.0") }
        }
    }

    @Test(
        .enabled(if: Fixtures.shouldRunSharedTest("london"), "../shared/faces/london is missing (skipped outside CI)"))
    func lintWarnsWhenTheSuiteIsTooSmallForAProfile() throws {
        let london = try Fixtures.requireSharedFaces("london")
        let suite = Fixtures.repositoryRoot.appendingPathComponent("vectors/london-neutral-smiling/1.0.0")
        let inspection = SuiteLoader.inspect(suite, options: SuiteLoadOptions(imageRoot: london))
        let catalog = ProfileCatalog(specsDirectory: Self.specs)
        let warnings = inspection.sampleSizeWarnings(for: try catalog.profile("nist-sp800-63b-4"))
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("10302 non-mated") == true)
        #expect(inspection.sampleSizeWarnings(for: try catalog.profile("gb-t-38671-2020-basic")).isEmpty)
    }

    @Test(arguments: ["1.0.0", "0.1.0-rc.1+build.5", "10.20.30"])
    func semanticVersionsParseAndPrint(text: String) throws {
        #expect(try #require(SemanticVersion(text)).description == text)
    }

    @Test(arguments: ["1.0", "01.0.0", "1.0.0-", "v1.0.0", "1.0.0-01", ""])
    func invalidSemanticVersionsAreRefused(text: String) {
        #expect(SemanticVersion(text) == nil)
    }

    @Test func semanticVersionPrecedenceFollowsSemver() throws {
        let ordered = [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0",
        ]
        let versions = try ordered.map { try #require(SemanticVersion($0)) }
        #expect(versions.sorted() == versions)
    }
}
