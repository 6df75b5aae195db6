import ConformanceVectors
import Foundation
import Testing

/// Every way a suite must be refused, each with its own fixture: a valid suite is built, one defect is put in,
/// and the inspection must report an error with the expected code at the expected JSON path.
struct SuiteRejectionTests {
    enum Defect: String, CaseIterable, CustomTestStringConvertible {
        case unknownSchemaVersion, malformedJSON, missingImagesField, invalidVersion, unknownStatus
        case absolutePath, dotDotPath, symlinkOutsideRoot, duplicateImageID, duplicatePath, duplicateSubjectID
        case unknownSubject, badSHA256Format, hashMismatch, missingImageFile, tooManyImages, imageTooLarge
        case manifestTooLarge, danglingReference, selfComparison, matedContradiction, roleMismatch
        case unlabelledImageCompared, duplicateComparison, sampleLargerThanPopulation, protocolAndExplicit
        case noComparisons, unknownPairing

        var testDescription: String { rawValue }

        var needsExplicitList: Bool {
            switch self {
            case .danglingReference, .selfComparison, .matedContradiction, .roleMismatch, .unlabelledImageCompared,
                .duplicateComparison:
                true
            default: false
            }
        }

        var expectedCode: VectorsError.Code {
            switch self {
            case .unknownSchemaVersion: .unsupportedSchema
            case .malformedJSON: .malformedJSON
            case .missingImagesField, .noComparisons: .missingField
            case .invalidVersion: .invalidVersion
            case .unknownStatus, .badSHA256Format: .invalidValue
            case .absolutePath, .dotDotPath, .symlinkOutsideRoot: .pathEscape
            case .duplicateImageID, .duplicatePath, .duplicateSubjectID, .duplicateComparison: .duplicateID
            case .unknownSubject: .unknownSubject
            case .hashMismatch: .hashMismatch
            case .missingImageFile: .missingImage
            case .tooManyImages, .imageTooLarge, .manifestTooLarge: .tooLarge
            case .danglingReference: .danglingReference
            case .selfComparison: .selfComparison
            case .matedContradiction: .matedContradiction
            case .roleMismatch, .unlabelledImageCompared: .roleMismatch
            case .sampleLargerThanPopulation, .protocolAndExplicit, .unknownPairing: .invalidProtocol
            }
        }

        var expectedPath: String? {
            switch self {
            case .unknownSchemaVersion: "$.schema"
            case .malformedJSON: "$"
            case .missingImagesField: "$.images"
            case .invalidVersion: "$.version"
            case .unknownStatus: "$.status"
            case .absolutePath, .dotDotPath, .symlinkOutsideRoot, .missingImageFile, .imageTooLarge:
                "$.images[0].path"
            case .duplicateImageID: "$.images[1].id"
            case .duplicatePath: "$.images[1].path"
            case .duplicateSubjectID: "$.subjects[1].id"
            case .unknownSubject: "$.images[0].subject"
            case .badSHA256Format, .hashMismatch: "$.images[0].sha256"
            case .tooManyImages: "$.images"
            case .manifestTooLarge: nil
            case .danglingReference: "$.comparisons.explicit[0].verification"
            case .selfComparison: "$.comparisons.explicit[0]"
            case .matedContradiction: "$.comparisons.explicit[0].mated"
            case .roleMismatch: "$.comparisons.explicit[0].verification"
            case .unlabelledImageCompared: "$.comparisons.explicit[0].enrolment"
            case .duplicateComparison: "$.comparisons.explicit[1]"
            case .sampleLargerThanPopulation: "$.comparisons.protocol.nonMated.count"
            case .protocolAndExplicit, .noComparisons: "$.comparisons"
            case .unknownPairing: "$.comparisons.protocol.pairing"
            }
        }
    }

    /// Puts `defect` into the suite at `suite` (bundled images under `suite/images`), and returns load options.
    func inject(_ defect: Defect, suite: URL, scratch: URL) throws -> SuiteLoadOptions {
        let manifestURL = suite.appendingPathComponent("suite.json")
        var json = try Fixtures.readJSON(manifestURL)
        var images = try #require(json["images"] as? [[String: Any]])
        var subjects = try #require(json["subjects"] as? [[String: Any]])
        var comparisons = try #require(json["comparisons"] as? [String: Any])
        var explicit = comparisons["explicit"] as? [[String: Any]] ?? []
        var options = SuiteLoadOptions()
        let firstImage = suite.appendingPathComponent("images").appendingPathComponent(
            try #require(images[0]["path"] as? String))
        switch defect {
        case .unknownSchemaVersion: json["schema"] = "facecert.suite/2"
        case .malformedJSON:
            try Data("{\"schema\": \"facecert.suite/1\", ".utf8).write(to: manifestURL)
            return options
        case .missingImagesField:
            json.removeValue(forKey: "images")
            try Fixtures.writeJSON(json, to: manifestURL)
            return options
        case .invalidVersion: json["version"] = "1.0"
        case .unknownStatus: json["status"] = "final"
        case .absolutePath: images[0]["path"] = "/etc/passwd"
        case .dotDotPath: images[0]["path"] = "../../outside.png"
        case .symlinkOutsideRoot:
            // Same bytes, so only the escape is wrong.
            let outside = scratch.appendingPathComponent("outside.png")
            try FileManager.default.copyItem(at: firstImage, to: outside)
            try FileManager.default.removeItem(at: firstImage)
            try FileManager.default.createSymbolicLink(at: firstImage, withDestinationURL: outside)
        case .duplicateImageID: images[1]["id"] = images[0]["id"]
        case .duplicatePath: images[1]["path"] = images[0]["path"]
        case .duplicateSubjectID: subjects[1]["id"] = subjects[0]["id"]
        case .unknownSubject: images[0]["subject"] = "nobody"
        case .badSHA256Format: images[0]["sha256"] = "ABC"
        case .hashMismatch:
            var bytes = try [UInt8](Data(contentsOf: firstImage))
            bytes[bytes.count / 2] ^= 0x01
            try Data(bytes).write(to: firstImage)
        case .missingImageFile: try FileManager.default.removeItem(at: firstImage)
        case .tooManyImages: options.limits.maximumImages = 2
        case .imageTooLarge: options.limits.maximumImageBytes = 16
        case .manifestTooLarge: options.limits.maximumManifestBytes = 100
        case .danglingReference: explicit[0]["verification"] = "no/such"
        case .selfComparison: explicit[0]["verification"] = explicit[0]["enrolment"]
        case .matedContradiction: explicit[0]["mated"] = false
        case .roleMismatch:
            let index = try #require(
                images.firstIndex { $0["id"] as? String == explicit[0]["verification"] as? String })
            images[index]["role"] = "enrolment"
        case .unlabelledImageCompared:
            let index = try #require(images.firstIndex { $0["id"] as? String == explicit[0]["enrolment"] as? String })
            images[index].removeValue(forKey: "subject")
            explicit[0]["mated"] = false
        case .duplicateComparison: explicit[1] = explicit[0]
        case .sampleLargerThanPopulation:
            comparisons["protocol"] = [
                "pairing": "unordered", "mated": "all", "nonMated": ["mode": "sample", "count": 1000, "seed": 1],
            ]
        case .protocolAndExplicit:
            comparisons["protocol"] = ["pairing": "unordered", "mated": "all", "nonMated": ["mode": "all"]]
            comparisons["explicit"] = [["verification": "a/02", "enrolment": "a/01", "mated": true]]
        case .noComparisons: comparisons = [:]
        case .unknownPairing:
            comparisons["protocol"] = ["pairing": "everything", "mated": "all", "nonMated": ["mode": "all"]]
        }
        if defect.needsExplicitList { comparisons["explicit"] = explicit }
        json["images"] = images
        json["subjects"] = subjects
        json["comparisons"] = comparisons
        try Fixtures.writeJSON(json, to: manifestURL)
        return options
    }

    @Test(arguments: Defect.allCases)
    func defectIsRejectedWithPathAndAdvice(defect: Defect) throws {
        try Fixtures.withTemporaryDirectory { root in
            let suite = root.appendingPathComponent("suite")
            try Fixtures.makeSuite(
                at: suite, source: root.appendingPathComponent("src"), explicit: defect.needsExplicitList)
            let clean = SuiteLoader.inspect(suite)
            #expect(clean.errors.isEmpty, "the fixture must be valid before the defect: \(clean.errors)")

            let options = try inject(defect, suite: suite, scratch: root)
            let inspection = SuiteLoader.inspect(suite, options: options)
            let matching = inspection.errors.filter {
                $0.code == defect.expectedCode && $0.jsonPath == defect.expectedPath
            }
            #expect(
                !matching.isEmpty,
                "expected \(defect.expectedCode) at \(defect.expectedPath ?? "-"), got \(inspection.errors)")
            #expect(inspection.suite == nil)
            for error in inspection.errors {
                #expect(error.file.hasSuffix("suite.json"))
                #expect(error.message.count > 20, "a message must say what to do: \(error.message)")
            }
            #expect(throws: VectorsError.self) { try SuiteLoader.load(suite, options: options) }
        }
    }

    @Test func unknownSchemaNamesTheSupportedVersion() throws {
        try Fixtures.withTemporaryDirectory { root in
            let suite = root.appendingPathComponent("suite")
            try Fixtures.makeSuite(at: suite, source: root.appendingPathComponent("src"))
            _ = try inject(.unknownSchemaVersion, suite: suite, scratch: root)
            let error = try #require(SuiteLoader.inspect(suite).errors.first)
            #expect(error.message.contains("facecert.suite/1"))
            #expect(error.message.contains("facecert.suite/2"))
        }
    }

    @Test func changedImageByteIsNamedAndNoSuiteIsReturned() throws {
        try Fixtures.withTemporaryDirectory { root in
            let suite = root.appendingPathComponent("suite")
            let manifest = try Fixtures.makeSuite(at: suite, source: root.appendingPathComponent("src"))
            _ = try inject(.hashMismatch, suite: suite, scratch: root)
            do {
                _ = try SuiteLoader.load(suite)
                Issue.record("a suite with a changed image must not load")
            } catch let error as VectorsError {
                #expect(error.code == .hashMismatch)
                #expect(error.message.contains("\"\(manifest.images[0].id)\""))
                #expect(error.jsonPath == "$.images[0].sha256")
            }
        }
    }

    @Test func externalSuiteWithoutImageRootIsNotLoadedButLints() throws {
        try Fixtures.withTemporaryDirectory { root in
            let source = root.appendingPathComponent("src")
            try Fixtures.makeSource(at: source, subjects: [("a", 2), ("b", 2)])
            let suite = root.appendingPathComponent("suite")
            _ = try SuiteBuilder.build(
                source: source, output: suite,
                options: SuiteBuildOptions(
                    id: "ext", version: SemanticVersion(major: 1, minor: 0, patch: 0), publisher: "t", licence: "t",
                    status: .published, imageStorage: .external))
            let inspection = SuiteLoader.inspect(suite)
            #expect(inspection.errors.isEmpty)
            #expect(inspection.warnings.contains { $0.code == .missingImage })
            #expect(!inspection.imagesVerified)
            #expect(throws: VectorsError.self) { try SuiteLoader.load(suite) }
            let loaded = try SuiteLoader.load(suite, options: SuiteLoadOptions(imageRoot: source))
            #expect(loaded.images.count == 4)
        }
    }
}
