import ConformanceVectors
import Crypto
import Foundation
import Testing

/// What `lint --decode` and the unknown-field check add.
struct SuiteContentCheckTests {
    @Test func undecodableEnrolImageAndEyesOutsideTheImageAreErrors() throws {
        try Fixtures.withTemporaryDirectory { root in
            let suite = root.appendingPathComponent("suite")
            try Fixtures.makeSuite(at: suite, source: root.appendingPathComponent("src"))
            let manifestURL = suite.appendingPathComponent("suite.json")
            var json = try Fixtures.readJSON(manifestURL)
            var images = try #require(json["images"] as? [[String: Any]])
            // Image 1: not a PNG, with a consistent hash (the publisher's mistake, not tampering).
            let bogus = Data("not a png".utf8)
            try bogus.write(to: suite.appendingPathComponent("images/a/02.png"))
            images[1]["sha256"] = SHA256Hex.of(bogus)
            // Image 2: eyes outside the 8×8 fixture.
            images[2]["eyes"] = ["left": ["x": 2, "y": 2], "right": ["x": 40, "y": 2]]
            json["images"] = images
            try Fixtures.writeJSON(json, to: manifestURL)
            let loaded = try SuiteLoader.load(suite)
            let findings = SuiteContentCheck.diagnostics(for: loaded)
            #expect(findings.map(\.jsonPath) == ["$.images[1].expected", "$.images[2].eyes"])
            #expect(findings.allSatisfy { $0.severity == .error })
            // The same undecodable file is fine when the suite expects a refusal.
            images[1]["expected"] = "refuse"
            json["images"] = images
            try Fixtures.writeJSON(json, to: manifestURL)
            #expect(SuiteContentCheck.diagnostics(for: try SuiteLoader.load(suite)).count == 1)
        }
    }

    @Test func unknownFieldsAreWarnedAboutWithTheirPath() throws {
        try Fixtures.withTemporaryDirectory { root in
            let suite = root.appendingPathComponent("suite")
            try Fixtures.makeSuite(at: suite, source: root.appendingPathComponent("src"))
            let manifestURL = suite.appendingPathComponent("suite.json")
            var json = try Fixtures.readJSON(manifestURL)
            var images = try #require(json["images"] as? [[String: Any]])
            images[3]["expectd"] = "refuse"
            json["images"] = images
            json["licenze"] = "x"
            try Fixtures.writeJSON(json, to: manifestURL)
            let inspection = SuiteLoader.inspect(suite)
            #expect(inspection.errors.isEmpty)
            #expect(Set(inspection.warnings.compactMap(\.jsonPath)) == ["$.licenze", "$.images[3].expectd"])
        }
    }
}

enum SHA256Hex {
    static func of(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }
}
