import FaceImaging
import Foundation
import MatcherPlugins
import ReferenceMatchers
import Testing

@testable import SyntheticFaces

struct SyntheticFaceGeneratorTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let committedSuite = packageRoot + "/vectors/synthetic-faces/1.0.0/images"

    /// Every file under `directory`, as paths relative to it, sorted.
    static func files(under directory: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var result = [String]()
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                result.append(path)
            }
        }
        return result.sorted()
    }

    @Test func regeneratingSeedOneReproducesTheCommittedSuiteByteForByte() throws {
        let committed = Self.files(under: Self.committedSuite)
        try #require(committed.count == 30 * 4 + 4 + 3, "the committed suite at \(Self.committedSuite) is incomplete")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("synthetic-faces-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        try SyntheticFaceGenerator(seed: 1).write(to: output, subjects: 30, imagesPerSubject: 4)
        #expect(Self.files(under: output) == committed)
        for file in committed {
            let expected = try Data(contentsOf: URL(fileURLWithPath: Self.committedSuite + "/" + file))
            let actual = try Data(contentsOf: URL(fileURLWithPath: output + "/" + file))
            #expect(actual == expected, "\(file) differs from the committed file; regenerate with `facecert synth --seed 1`")
        }
    }

    @Test func theSameSeedGivesTheSameFacesAndAnotherSeedOtherFaces() throws {
        let a = try SyntheticFaceGenerator(seed: 7).face(subject: 2, index: 1)
        let b = try SyntheticFaceGenerator(seed: 7).face(subject: 2, index: 1)
        let c = try SyntheticFaceGenerator(seed: 8).face(subject: 2, index: 1)
        #expect(a == b)
        #expect(a.image != c.image)
    }

    @Test func aSubjectDoesNotDependOnOtherSubjectsOrImages() throws {
        let generator = try SyntheticFaceGenerator(seed: 3)
        let late = generator.face(subject: 5, index: 2)
        _ = generator.face(subject: 0, index: 0)
        #expect(generator.face(subject: 5, index: 2) == late)
        #expect(generator.subject(5).id == "s006")
        #expect(generator.subject(5).skinTone == SyntheticSubject(seed: 3, number: 5).skinTone)
    }

    @Test func imagesOfOneSubjectVary() throws {
        let generator = try SyntheticFaceGenerator(seed: 1)
        let first = generator.face(subject: 0, index: 0), second = generator.face(subject: 0, index: 1)
        #expect(first.image != second.image)
        #expect(first.eyes != second.eyes)
    }

    @Test func eyePositionsFallOnDarkPupils() throws {
        let generator = try SyntheticFaceGenerator(seed: 1)
        for subject in 0..<10 {
            for index in 0..<4 {
                let face = generator.face(subject: subject, index: index)
                for eye in [face.eyes.left, face.eyes.right] {
                    let x = Int(eye.x), y = Int(eye.y)
                    let value = face.image.pixels[y * face.image.width + x]
                    #expect(value < 70, "subject \(subject) image \(index): pixel at eye \(eye) is \(value)")
                }
                #expect(face.eyes.left.x < face.eyes.right.x)
            }
        }
    }

    @Test func grayAndRGBFormatsAgreeOnLuma() throws {
        let gray = try SyntheticFaceGenerator(seed: 1).face(subject: 1, index: 0)
        let rgb = try SyntheticFaceGenerator(seed: 1, format: .rgb8).face(subject: 1, index: 0)
        #expect(rgb.image.format == .rgb8)
        #expect(rgb.image.converted(to: .gray8) == gray.image)
        #expect(rgb.eyes == gray.eyes)
    }

    @Test func refuseImagesAreRefusedAndFacesAcceptedByLBPH() throws {
        let generator = try SyntheticFaceGenerator(seed: 1)
        let matcher = try LBPHMatcher()
        for refuse in generator.refuseImages() {
            #expect(throws: MatcherError.self, "\(refuse.name) was accepted") {
                _ = try matcher.createTemplate(from: refuse.image, role: .enrolment)
            }
        }
        for subject in 0..<30 {
            let face = generator.face(subject: subject, index: 0)
            #expect(throws: Never.self, "subject \(subject)") {
                _ = try matcher.createTemplate(from: face.image, role: .enrolment, eyes: face.eyes)
            }
        }
    }

    /// Identities are separable but not trivially: LBPH aligned on the eyes has a small, non-zero error.
    @Test func lbphFindsTheSuiteHardButNotHopeless() throws {
        let generator = try SyntheticFaceGenerator(seed: 1)
        let matcher = try LBPHMatcher()
        var templates = [(subject: Int, template: Template)]()
        for subject in 0..<30 {
            for index in 0..<4 {
                let face = generator.face(subject: subject, index: index)
                templates.append((subject, try matcher.createTemplate(from: face.image, role: .enrolment, eyes: face.eyes).template))
            }
        }
        var genuine = [Double](), impostor = [Double]()
        for i in 0..<templates.count {
            for j in (i + 1)..<templates.count {
                let d = try matcher.compare(verification: templates[i].template, enrolment: templates[j].template)
                if templates[i].subject == templates[j].subject { genuine.append(d) } else { impostor.append(d) }
            }
        }
        #expect(genuine.count == 180 && impostor.count == 6_960)
        // min over t of max(FMR(t), FNMR(t)).
        let scores = (genuine.map { ($0, true) } + impostor.map { ($0, false) }).sorted { $0.0 < $1.0 }
        var accepted = (genuine: 0, impostor: 0), best = 1.0
        for (_, mated) in scores {
            if mated { accepted.genuine += 1 } else { accepted.impostor += 1 }
            let fmr = Double(accepted.impostor) / Double(impostor.count)
            let fnmr = Double(genuine.count - accepted.genuine) / Double(genuine.count)
            best = min(best, max(fmr, fnmr))
        }
        print("LBPH EER on synthetic-faces seed 1 (eyes given): \(best * 100) %")
        // Measured: 1.7 %.
        #expect(best > 0.003, "identities are trivially separable")
        #expect(best < 0.06, "identities are barely separable")
    }

    @Test func invalidArgumentsAreRejectedWithTheirValues() throws {
        #expect(throws: SyntheticFacesError.self) { try SyntheticFaceGenerator(seed: 1, width: 10) }
        let generator = try SyntheticFaceGenerator(seed: 1)
        for (subjects, images) in [(0, 4), (1_000, 4), (3, 1), (3, 100)] {
            do {
                try generator.write(to: "/nonexistent-never-written", subjects: subjects, imagesPerSubject: images)
                Issue.record("\(subjects) subjects × \(images) images was accepted")
            } catch {
                #expect(error.code == .invalidArgument)
                #expect(error.message.contains("\(subjects == 0 || subjects == 1_000 ? subjects : images)"))
            }
        }
    }

    @Test(arguments: [(1.0, "1.00"), (0.005, "0.01"), (-2.345, "-2.35"), (86.099, "86.10"), (-0.001, "0.00")])
    func coordinatesAreWrittenWithTwoDecimals(value: Double, text: String) {
        #expect(SyntheticFaceGenerator.fixed(value) == text)
    }
}
