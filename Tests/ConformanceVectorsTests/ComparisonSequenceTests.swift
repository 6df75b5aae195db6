import BiometricMetrics
import Foundation
import Testing

@testable import ConformanceVectors

/// The lazy protocol expansion against a brute-force reference, on seeded random suites.
struct ComparisonSequenceTests {
    /// A random image table: subjects 0..<subjectCount, some unlabelled, some expected to be refused.
    static func randomImages(seed: UInt64, subjectCount: Int, maxPerSubject: Int, roles: [CaptureRole])
        -> [SuiteImage]
    {
        var generator = SeededGenerator(seed: seed)
        var images: [SuiteImage] = []
        for s in 0..<subjectCount {
            for n in 0..<Int.random(in: 0...maxPerSubject, using: &generator) {
                let role = roles.randomElement(using: &generator) ?? .both
                let expected: ExpectedOutcome = Int.random(in: 0..<10, using: &generator) == 0 ? .refuse : .enrol
                images.append(image("s\(s)/\(n)", subject: s, role: role, expected: expected))
            }
            if Int.random(in: 0..<4, using: &generator) == 0 {
                images.append(image("nobody-\(s)", subject: nil, role: .both, expected: .refuse))
            }
        }
        images.shuffle(using: &generator)
        return images
    }

    static func image(_ id: String, subject: Int?, role: CaptureRole, expected: ExpectedOutcome) -> SuiteImage {
        SuiteImage(
            id: id, path: id + ".png", url: URL(fileURLWithPath: "/\(id).png"), sha256: "", subjectIndex: subject,
            subjectID: subject.map { "s\($0)" }, role: role, eyes: nil, expected: expected)
    }

    /// Every pair the definitions in ComparisonSequence's documentation ask for, by brute force.
    static func reference(_ images: [SuiteImage], pairing: ComparisonPlan.Pairing) -> [Comparison] {
        var result: [Comparison] = []
        for (v, vi) in images.enumerated() {
            for (e, ei) in images.enumerated() where v != e && vi.isComparable && ei.isComparable {
                let mated = vi.subjectIndex == ei.subjectIndex
                switch pairing {
                case .crossRole:
                    if vi.role.canVerify && ei.role.canEnrol {
                        result.append(Comparison(verification: v, enrolment: e, mated: mated))
                    }
                case .unordered:
                    if vi.role == .both && ei.role == .both && e < v {
                        result.append(Comparison(verification: v, enrolment: e, mated: mated))
                    }
                }
            }
        }
        return result
    }

    @Test(arguments: [ComparisonPlan.Pairing.crossRole, .unordered], 1...12)
    func expansionEqualsBruteForce(pairing: ComparisonPlan.Pairing, seed: Int) throws {
        let images = Self.randomImages(
            seed: UInt64(seed), subjectCount: 7, maxPerSubject: 5,
            roles: pairing == .unordered ? [.both, .both, .both, .enrolment] : [.enrolment, .verification, .both])
        let sequence = try ComparisonSequence(
            images: images, subjectCount: 7, pairing: pairing, includeMated: true, nonMated: .all)
        let expected = Self.reference(images, pairing: pairing)
        let actual = Array(sequence)
        #expect(actual.count == expected.count)
        #expect(Set(actual) == Set(expected))
        #expect(Set(actual).count == actual.count, "no comparison may appear twice")
        #expect(sequence.matedCount == expected.filter(\.mated).count)
        #expect(sequence.nonMatedCount == expected.filter { !$0.mated }.count)
        // Mated first, then non-mated.
        #expect(actual.prefix(sequence.matedCount).allSatisfy { $0.mated })
        #expect(actual.dropFirst(sequence.matedCount).allSatisfy { !$0.mated })
        // Order is deterministic: a second expansion gives the same list.
        let again = try ComparisonSequence(
            images: images, subjectCount: 7, pairing: pairing, includeMated: true, nonMated: .all)
        #expect(Array(again) == actual)
    }

    @Test func londonShapeCrossRoleGivesEveryMatedPairAndAllCrossSubjectPairs() throws {
        var images: [SuiteImage] = []
        for s in 0..<102 {
            images.append(Self.image("\(s)/03", subject: s, role: .enrolment, expected: .enrol))
            images.append(Self.image("\(s)/08", subject: s, role: .verification, expected: .enrol))
        }
        let sequence = try ComparisonSequence(
            images: images, subjectCount: 102, pairing: .crossRole, includeMated: true, nonMated: .all)
        #expect(sequence.matedCount == 102)
        #expect(sequence.nonMatedCount == 10_302)
        for comparison in sequence {
            #expect(images[comparison.verification].role == .verification)
            #expect(images[comparison.enrolment].role == .enrolment)
        }
    }

    @Test func sampleIsDistinctSubsetReproducibleAndSeedDependent() throws {
        let images = Self.randomImages(seed: 99, subjectCount: 20, maxPerSubject: 6, roles: [.both])
        let all = try ComparisonSequence(
            images: images, subjectCount: 20, pairing: .unordered, includeMated: true, nonMated: .all)
        let population = Set(all.dropFirst(all.matedCount))
        let count = population.count / 3
        let sample = try ComparisonSequence(
            images: images, subjectCount: 20, pairing: .unordered, includeMated: true,
            nonMated: .sample(count: count, seed: 42))
        let drawn = Array(sample.dropFirst(sample.matedCount))
        #expect(drawn.count == count)
        #expect(Set(drawn).count == count, "a sample is drawn without replacement")
        #expect(Set(drawn).isSubset(of: population))
        #expect(sample.nonMatedPopulation == population.count)
        let again = try ComparisonSequence(
            images: images, subjectCount: 20, pairing: .unordered, includeMated: true,
            nonMated: .sample(count: count, seed: 42))
        #expect(Array(again) == Array(sample))
        let other = try ComparisonSequence(
            images: images, subjectCount: 20, pairing: .unordered, includeMated: true,
            nonMated: .sample(count: count, seed: 43))
        #expect(Array(other) != Array(sample))
    }

    @Test(arguments: [1, 2, 3, 5, 16, 17, 255, 256, 1000])
    func feistelPermutationIsABijection(domain: Int) {
        let permutation = FeistelPermutation(domain: UInt64(domain), seed: 7)
        let images = (0..<domain).map { permutation.apply(UInt64($0)) }
        #expect(Set(images).count == domain)
        #expect(images.allSatisfy { $0 < UInt64(domain) })
    }

    @Test func hundredThousandImagesDescribeTenBillionPairsWithoutListingThem() throws {
        // 10,000 subjects × 10 images, unordered: counts come from prefix sums, nothing is expanded.
        var images: [SuiteImage] = []
        images.reserveCapacity(100_000)
        for s in 0..<10_000 {
            for n in 0..<10 { images.append(Self.image("\(s)/\(n)", subject: s, role: .both, expected: .enrol)) }
        }
        let sequence = try ComparisonSequence(
            images: images, subjectCount: 10_000, pairing: .unordered, includeMated: true, nonMated: .all)
        #expect(sequence.matedCount == 10_000 * 45)
        #expect(sequence.nonMatedCount == (100_000 * 100_000 - 10_000 * 100) / 2)
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<1000 {
            let position = Int.random(in: 0..<sequence.count, using: &generator)
            let comparison = sequence[position]
            #expect(comparison.enrolment < comparison.verification)
            #expect(
                (images[comparison.verification].subjectIndex == images[comparison.enrolment].subjectIndex)
                    == comparison.mated)
            #expect(comparison.mated == (position < sequence.matedCount))
        }
        let cross = try ComparisonSequence(
            images: images, subjectCount: 10_000, pairing: .crossRole, includeMated: true, nonMated: .all)
        #expect(cross.count == 100_000 * 99_999)
    }

    @Test func sampleLargerThanPopulationIsRefused() {
        let images = [
            Self.image("a", subject: 0, role: .both, expected: .enrol),
            Self.image("b", subject: 1, role: .both, expected: .enrol),
        ]
        #expect(throws: VectorsError.self) {
            try ComparisonSequence(
                images: images, subjectCount: 2, pairing: .unordered, includeMated: true,
                nonMated: .sample(count: 2, seed: 1))
        }
    }
}
