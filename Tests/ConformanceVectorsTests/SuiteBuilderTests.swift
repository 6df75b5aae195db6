import ConformanceVectors
import Foundation
import Testing

/// `vectors build` on the real face sets and on the synthetic-generator layout.
struct SuiteBuilderTests {
    static let version = SemanticVersion(major: 1, minor: 0, patch: 0)

    @Test(.enabled(if: Fixtures.shouldRunSharedTest("orl"), "../shared/faces/orl is missing (skipped outside CI)"))
    func orlSuiteLintsCleanWithEveryUnorderedPairOnce() throws {
        let orl = try Fixtures.requireSharedFaces("orl")
        try Fixtures.withTemporaryDirectory { root in
            let suite = root.appendingPathComponent("vectors/orl/1.0.0")
            _ = try SuiteBuilder.build(
                source: orl, output: suite,
                options: SuiteBuildOptions(
                    id: "orl", version: Self.version, publisher: "t", licence: "t", status: .published,
                    imageStorage: .external))
            let inspection = SuiteLoader.inspect(suite, options: SuiteLoadOptions(imageRoot: orl))
            #expect(inspection.errors.isEmpty, "\(inspection.errors)")
            #expect(inspection.warnings.isEmpty, "\(inspection.warnings)")
            let loaded = try #require(inspection.suite)
            #expect(loaded.subjects.count == 40)
            #expect(loaded.images.count == 400)
            #expect(loaded.comparisons.matedCount == 1_800)
            #expect(loaded.comparisons.nonMatedCount == 78_000)
            var pairs = Set<[Int]>()
            for comparison in loaded.comparisons {
                #expect(comparison.enrolment < comparison.verification)
                pairs.insert([comparison.enrolment, comparison.verification])
            }
            #expect(pairs.count == 79_800, "every unordered pair exactly once")
        }
    }

    @Test(.enabled(if: Fixtures.shouldRunSharedTest("orl"), "../shared/faces/orl is missing (skipped outside CI)"))
    func oneChangedByteInOneOrlImageFailsLintNamingThatImage() throws {
        let orl = try Fixtures.requireSharedFaces("orl")
        try Fixtures.withTemporaryDirectory { root in
            let suite = root.appendingPathComponent("orl")
            let manifest = try SuiteBuilder.build(
                source: orl, output: suite,
                options: SuiteBuildOptions(
                    id: "orl", version: Self.version, publisher: "t", licence: "t", status: .published)
            ).manifest
            #expect(SuiteLoader.inspect(suite).errors.isEmpty)
            let victim = manifest.images[137]
            let file = suite.appendingPathComponent("images").appendingPathComponent(victim.path)
            var bytes = try [UInt8](Data(contentsOf: file))
            bytes[bytes.count - 20] ^= 0x40
            try Data(bytes).write(to: file)
            let errors = SuiteLoader.inspect(suite).errors
            #expect(errors.count == 1)
            let error = try #require(errors.first)
            #expect(error.code == .hashMismatch)
            #expect(error.jsonPath == "$.images[137].sha256")
            #expect(error.message.contains("\"\(victim.id)\""))
        }
    }

    @Test(
        .enabled(if: Fixtures.shouldRunSharedTest("london"), "../shared/faces/london is missing (skipped outside CI)"))
    func londonSuiteHasNeutralEnrolmentAndSmilingVerification() throws {
        let london = try Fixtures.requireSharedFaces("london")
        try Fixtures.withTemporaryDirectory { root in
            let suite = root.appendingPathComponent("london")
            _ = try SuiteBuilder.build(
                source: london, output: suite,
                options: SuiteBuildOptions(
                    id: "london-neutral-smiling", version: Self.version, publisher: "t", licence: "CC-BY-4.0",
                    status: .published, imageStorage: .external, enrolmentGlob: "*_03.png",
                    verificationGlob: "*_08.png"))
            let loaded = try SuiteLoader.load(suite, options: SuiteLoadOptions(imageRoot: london))
            #expect(loaded.subjects.count == 102)
            #expect(loaded.images.count == 204)
            #expect(loaded.comparisons.matedCount == 102)
            #expect(loaded.comparisons.nonMatedCount == 10_302)
            for comparison in loaded.comparisons {
                #expect(loaded.images[comparison.verification].path.hasSuffix("_08.png"))
                #expect(loaded.images[comparison.enrolment].path.hasSuffix("_03.png"))
            }
            let first = try #require(loaded.subjects.first)
            #expect(first.attributes["face_gender"] != nil)
            #expect(first.attributes["sex"] == first.attributes["face_gender"]?.lowercased())
            #expect(first.attributes["ageBand"] != nil)
            let neutral = try #require(loaded.images.first { $0.path == "001/001_03.png" })
            #expect(neutral.eyes?.left.x == 145.0)
            #expect(neutral.eyes?.right.x == 251.5)
        }
    }

    /// The committed manifests are exactly what the tool builds from the shared faces (same subjects, images,
    /// hashes and protocol), and they load against those faces.
    @Test(
        .enabled(
            if: Fixtures.shouldRunSharedTest("london") && Fixtures.shouldRunSharedTest("orl"),
            "../shared/faces is missing (skipped outside CI)"),
        arguments: ["london-neutral-smiling", "orl"])
    func committedSuiteMatchesAFreshBuildAndLoads(id: String) throws {
        let faces = try Fixtures.requireSharedFaces(id == "orl" ? "orl" : "london")
        let committed = Fixtures.repositoryRoot.appendingPathComponent("vectors/\(id)/1.0.0")
        let loaded = try SuiteLoader.load(committed, options: SuiteLoadOptions(imageRoot: faces))
        #expect(loaded.status == .published)
        #expect(loaded.imageStorage == .external)
        let original = try JSONDecoder().decode(
            SuiteManifest.self, from: Data(contentsOf: committed.appendingPathComponent("suite.json")))
        var notes: [String] = []
        let fresh = try SuiteBuilder.makeManifest(
            source: faces,
            options: SuiteBuildOptions(
                id: id, version: Self.version, status: .published, imageStorage: .external,
                enrolmentGlob: id == "orl" ? nil : "*_03.png", verificationGlob: id == "orl" ? nil : "*_08.png"),
            notes: &notes)
        #expect(fresh.subjects == original.subjects)
        #expect(fresh.images == original.images)
        #expect(fresh.comparisons == original.comparisons)
    }

    /// The layout the synthetic face generator emits: images.csv with roles and expected outcomes, and
    /// `_unlabelled/` images that must be refused and take no part in comparisons.
    @Test func syntheticLayoutWithImagesCSVAndUnlabelledImages() throws {
        try Fixtures.withTemporaryDirectory { root in
            let source = root.appendingPathComponent("src")
            try Fixtures.makeSource(at: source, subjects: [("p1", 3), ("p2", 3), ("p3", 2)], unlabelled: 2)
            try """
            image,role,expected
            p1/01.png,enrolment,enrol
            p1/02.png,verification,enrol
            p1/03.png,verification,either
            p2/01.png,enrolment,
            p2/02.png,verification,
            p2/03.png,verification,refuse
            p3/01.png,enrolment,
            p3/02.png,verification,
            _unlabelled/u00.png,,refuse
            _unlabelled/u01.png,,either

            """.write(to: source.appendingPathComponent("images.csv"), atomically: true, encoding: .utf8)
            try "subject,sex,age\np1,F,34\np2,M,51\np3,X,\n"
                .write(to: source.appendingPathComponent("subjects.csv"), atomically: true, encoding: .utf8)
            try "image,left_eye_x,left_eye_y,right_eye_x,right_eye_y\np1/01.png,2,3,6,3\n"
                .write(to: source.appendingPathComponent("eyes.csv"), atomically: true, encoding: .utf8)
            let suite = root.appendingPathComponent("suite")
            _ = try SuiteBuilder.build(
                source: source, output: suite,
                options: SuiteBuildOptions(
                    id: "synthetic", version: Self.version, publisher: "t", licence: "t", status: .published))
            let inspection = SuiteLoader.inspect(suite, options: SuiteLoadOptions(minimumGroupSubjects: 1))
            #expect(inspection.errors.isEmpty, "\(inspection.errors)")
            let loaded = try #require(inspection.suite)
            #expect(loaded.images.count == 10)
            let unlabelled = loaded.images.filter { $0.subjectIndex == nil }
            #expect(unlabelled.map(\.expected) == [.refuse, .either])
            #expect(loaded.images.first { $0.id == "p2/03" }?.expected == .refuse)
            #expect(loaded.images.first { $0.id == "p1/03" }?.expected == .either)
            #expect(loaded.images.first { $0.id == "p1/01" }?.eyes?.interEyeDistance == 4)
            #expect(loaded.subjects.first { $0.id == "p2" }?.attributes["ageBand"] == "50-59")
            #expect(loaded.subjects.first { $0.id == "p1" }?.attributes["sex"] == "F")
            // crossRole chosen automatically; refused and unlabelled images are in no comparison.
            #expect(loaded.plan == .declared(pairing: .crossRole, includeMated: true, nonMated: .all))
            for comparison in loaded.comparisons {
                #expect(loaded.images[comparison.verification].isComparable)
                #expect(loaded.images[comparison.enrolment].isComparable)
            }
            // Mated: p1 2 verification × 1 enrolment + p2 1 × 1 + p3 1 × 1 = 4;
            // non-mated: 4 verification images × 2 other subjects' enrolment images.
            #expect(loaded.comparisons.matedCount == 4)
            #expect(loaded.comparisons.nonMatedCount == 8)
        }
    }

    @Test func globsThatMissAnImageAreAnError() throws {
        try Fixtures.withTemporaryDirectory { root in
            let source = root.appendingPathComponent("src")
            try Fixtures.makeSource(at: source, subjects: [("a", 3)])
            var notes: [String] = []
            #expect(throws: VectorsError.self) {
                try SuiteBuilder.makeManifest(
                    source: source,
                    options: SuiteBuildOptions(
                        id: "x", version: Self.version, enrolmentGlob: "01.png", verificationGlob: "02.png"),
                    notes: &notes)
            }
        }
    }

    @Test func seededSampleProtocolIsWrittenAndExpands() throws {
        try Fixtures.withTemporaryDirectory { root in
            let source = root.appendingPathComponent("src")
            try Fixtures.makeSource(at: source, subjects: (1...6).map { ("s\($0)", 3) })
            let suite = root.appendingPathComponent("suite")
            _ = try SuiteBuilder.build(
                source: source, output: suite,
                options: SuiteBuildOptions(
                    id: "sampled", version: Self.version, publisher: "t", licence: "t", status: .published,
                    nonMated: .sample(count: 20, seed: 9)))
            let loaded = try SuiteLoader.load(suite)
            #expect(loaded.comparisons.matedCount == 18)
            #expect(loaded.comparisons.nonMatedCount == 20)
            #expect(loaded.comparisons.nonMatedPopulation == 135)
        }
    }

    @Test func rebuildingOverAnExistingSuiteNeedsOverwrite() throws {
        try Fixtures.withTemporaryDirectory { root in
            let suite = root.appendingPathComponent("suite")
            let source = root.appendingPathComponent("src")
            try Fixtures.makeSuite(at: suite, source: source)
            #expect(throws: VectorsError.self) {
                try SuiteBuilder.build(
                    source: source, output: suite,
                    options: SuiteBuildOptions(id: "fixture", version: Self.version))
            }
        }
    }
}
