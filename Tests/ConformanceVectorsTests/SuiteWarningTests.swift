import ConformanceVectors
import Foundation
import Testing

/// Warnings: the suite loads, but a result from it may say little.
struct SuiteWarningTests {
    static let version = SemanticVersion(major: 1, minor: 0, patch: 0)

    func build(
        _ root: URL, subjects: [(id: String, images: Int)], csv: String? = nil, status: SuiteStatus = .published,
        folder: String = "suite"
    ) throws -> SuiteInspection {
        let source = root.appendingPathComponent("src")
        try Fixtures.makeSource(at: source, subjects: subjects)
        if let csv {
            try csv.write(to: source.appendingPathComponent("subjects.csv"), atomically: true, encoding: .utf8)
        }
        let suite = root.appendingPathComponent(folder)
        _ = try SuiteBuilder.build(
            source: source, output: suite,
            options: SuiteBuildOptions(id: "w", version: Self.version, publisher: "t", licence: "t", status: status))
        return SuiteLoader.inspect(suite)
    }

    @Test func subjectsWithOneImageMeanNoMatedComparison() throws {
        try Fixtures.withTemporaryDirectory { root in
            let inspection = try build(root, subjects: [("a", 1), ("b", 1), ("c", 1)])
            #expect(inspection.errors.isEmpty)
            #expect(inspection.suite != nil)
            let messages = inspection.warnings.map(\.message)
            #expect(messages.contains { $0.contains("3 subject(s) have one usable image") })
            #expect(messages.contains { $0.contains("no mated comparison") })
        }
    }

    @Test func smallDemographicGroupsAndDraftStatusAreWarnedAbout() throws {
        try Fixtures.withTemporaryDirectory { root in
            let subjects = (1...12).map { (id: "s\($0)", images: 2) }
            let rows = subjects.enumerated().map { "\($1.id),\($0 < 11 ? "female" : "male")" }
            let inspection = try build(
                root, subjects: subjects, csv: "id,sex\n" + rows.joined(separator: "\n") + "\n", status: .draft)
            #expect(inspection.errors.isEmpty)
            let group = try #require(inspection.warnings.first { $0.jsonPath == "$.subjects[*].attributes.sex" })
            #expect(group.message.contains("male (1)"))
            #expect(!group.message.contains("female"))
            #expect(inspection.warnings.contains { $0.jsonPath == "$.status" })
        }
    }

    @Test func identicalImageBytesAndAMisnamedFolderAreWarnedAbout() throws {
        try Fixtures.withTemporaryDirectory { root in
            let source = root.appendingPathComponent("src")
            try Fixtures.makeSource(at: source, subjects: [("a", 2), ("b", 2)])
            try FileManager.default.removeItem(at: source.appendingPathComponent("b/02.png"))
            try FileManager.default.copyItem(
                at: source.appendingPathComponent("b/01.png"), to: source.appendingPathComponent("b/02.png"))
            let suite = root.appendingPathComponent("vectors/other-name/2.0.0")
            _ = try SuiteBuilder.build(
                source: source, output: suite,
                options: SuiteBuildOptions(
                    id: "w", version: Self.version, publisher: "t", licence: "t", status: .published))
            let inspection = SuiteLoader.inspect(suite)
            #expect(inspection.errors.isEmpty)
            #expect(inspection.warnings.contains { $0.code == .duplicateID && $0.message.contains("b/02 = b/01") })
            #expect(
                inspection.warnings.contains { $0.jsonPath == "$.version" && $0.message.contains("vectors/w/1.0.0") })
        }
    }
}
