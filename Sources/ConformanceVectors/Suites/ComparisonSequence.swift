import BiometricMetrics
/// The comparisons of a suite, in a documented deterministic order, computed on demand.
///
/// For a declared protocol nothing is materialised: the sequence keeps per-image prefix sums (O(images) memory)
/// and computes the comparison at any position in O(log images). `count`, ``matedCount`` and ``nonMatedCount``
/// are known without expansion, so a suite with 10^5 images describes its 10^10 pairs in a few megabytes, and a
/// runner can split `0..<count` across workers.
///
/// Order for a declared protocol: all mated comparisons first (positions `0..<matedCount`), then non-mated.
/// - `crossRole`: verification images in manifest order; for each, enrolment images ordered by subject (manifest
///   order of subjects) then manifest order, skipping the verification image itself (mated) or the verification
///   image's own subject (non-mated).
/// - `unordered`: participating images ordered by subject then manifest order; mated pairs per subject, row by
///   row; non-mated pairs from each image to every image of a later subject. Of each pair the image earlier in
///   the manifest is the enrolment side, the later one the verification side.
/// - `sample(count, seed)`: position `k` of the non-mated part is non-mated pair `π(k)` of the `all` order, where
///   π is a keyed pseudo-random permutation of the non-mated population (a 6-round balanced Feistel network with
///   SplitMix64 round functions keyed by the seed, cycle-walked to the population size): a sample without
///   replacement, reproducible from the seed, in O(1) memory.
///
/// For an explicit list the order is the list's.
public struct ComparisonSequence: RandomAccessCollection, Sendable {
    public typealias Index = Int
    public typealias Element = Comparison

    /// Number of mated comparisons.
    public let matedCount: Int
    /// Number of non-mated comparisons.
    public let nonMatedCount: Int
    /// All non-mated pairs the pairing could form (the population a sample is drawn from).
    public let nonMatedPopulation: Int

    private let storage: Storage

    private enum Storage: Sendable {
        case explicit([Comparison])
        case crossRole(CrossRoleTables, includeMated: Bool, sample: FeistelPermutation?)
        case unordered(UnorderedTables, includeMated: Bool, sample: FeistelPermutation?)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { (includesMated ? matedCount : 0) + nonMatedCount }

    private var includesMated: Bool {
        switch storage {
        case .explicit: true
        case .crossRole(_, let includeMated, _), .unordered(_, let includeMated, _): includeMated
        }
    }

    /// The comparison at `position`.
    ///
    /// - Complexity: O(log n) in the number of images for a declared protocol; O(1) for an explicit list.
    public subscript(position: Int) -> Comparison {
        precondition(position >= 0 && position < endIndex, "comparison position \(position) out of range")
        switch storage {
        case .explicit(let list):
            return list[position]
        case .crossRole(let tables, let includeMated, let sample):
            let mated = includeMated ? matedCount : 0
            if position < mated { return tables.mated(position) }
            let k = position - mated
            return tables.nonMated(sample.map { $0.apply(UInt64(k)) }.map { Int($0) } ?? k)
        case .unordered(let tables, let includeMated, let sample):
            let mated = includeMated ? matedCount : 0
            if position < mated { return tables.mated(position) }
            let k = position - mated
            return tables.nonMated(sample.map { $0.apply(UInt64(k)) }.map { Int($0) } ?? k)
        }
    }

    /// A sequence over an explicit, already validated list.
    init(explicit list: [Comparison]) {
        storage = .explicit(list)
        matedCount = list.reduce(0) { $0 + ($1.mated ? 1 : 0) }
        nonMatedCount = list.count - matedCount
        nonMatedPopulation = nonMatedCount
    }

    /// Expands a declared protocol over `images`.
    ///
    /// - Throws: ``VectorsError`` with ``VectorsError/Code/invalidProtocol`` when a sample asks for more pairs
    ///   than exist.
    init(
        images: [SuiteImage], subjectCount: Int, pairing: ComparisonPlan.Pairing, includeMated: Bool,
        nonMated: ComparisonPlan.NonMatedSelection
    ) throws(VectorsError) {
        let matedTotal: Int
        let population: Int
        switch pairing {
        case .crossRole:
            let tables = CrossRoleTables(images: images, subjectCount: subjectCount)
            matedTotal = tables.matedTotal
            population = tables.nonMatedTotal
            let (count, sample) = try Self.selection(nonMated, population: population)
            storage = .crossRole(tables, includeMated: includeMated, sample: sample)
            nonMatedCount = count
        case .unordered:
            let tables = UnorderedTables(images: images, subjectCount: subjectCount)
            matedTotal = tables.matedTotal
            population = tables.nonMatedTotal
            let (count, sample) = try Self.selection(nonMated, population: population)
            storage = .unordered(tables, includeMated: includeMated, sample: sample)
            nonMatedCount = count
        }
        matedCount = includeMated ? matedTotal : 0
        nonMatedPopulation = population
    }

    private static func selection(
        _ nonMated: ComparisonPlan.NonMatedSelection, population: Int
    ) throws(VectorsError) -> (Int, FeistelPermutation?) {
        switch nonMated {
        case .all: return (population, nil)
        case .none: return (0, nil)
        case .sample(let count, let seed):
            guard count >= 1, count <= population else {
                throw VectorsError(
                    .invalidProtocol,
                    "the non-mated sample asks for \(count) pairs but the pairing forms \(population); use a count "
                        + "from 1 to \(population), or mode \"all\"")
            }
            return (count, FeistelPermutation(domain: UInt64(population), seed: seed))
        }
    }
}

/// Index `i` such that `prefix[i] <= k < prefix[i + 1]` (prefix is non-decreasing, `prefix[0] == 0`).
private func locate(_ k: Int, in prefix: [Int]) -> Int {
    var low = 0
    var high = prefix.count - 1
    while high - low > 1 {
        let mid = (low + high) / 2
        if prefix[mid] <= k { low = mid } else { high = mid }
    }
    return low
}

/// Participants grouped by subject: `order` holds image indices sorted by (subject, image index), with each
/// subject's block at `start[s] ..< start[s] + size[s]`.
private struct SubjectBlocks: Sendable {
    let order: [Int]
    let start: [Int]
    let size: [Int]

    init(images: [SuiteImage], subjectCount: Int, include: (SuiteImage) -> Bool) {
        var size = [Int](repeating: 0, count: subjectCount)
        for image in images where image.isComparable && include(image) {
            if let s = image.subjectIndex { size[s] += 1 }
        }
        var start = [Int](repeating: 0, count: subjectCount)
        var running = 0
        for s in 0..<subjectCount {
            start[s] = running
            running += size[s]
        }
        var fill = start
        var order = [Int](repeating: 0, count: running)
        for (index, image) in images.enumerated() where image.isComparable && include(image) {
            if let s = image.subjectIndex {
                order[fill[s]] = index
                fill[s] += 1
            }
        }
        self.order = order
        self.start = start
        self.size = size
    }
}

private struct CrossRoleTables: Sendable {
    let subjectOf: [Int]  // image index -> subject index (or -1)
    let verification: [Int]  // verification-capable participants, manifest order
    let enrolment: SubjectBlocks
    let matedPrefix: [Int]
    let nonMatedPrefix: [Int]
    let enrolmentCapable: [Bool]  // per image index

    var matedTotal: Int { matedPrefix[matedPrefix.count - 1] }
    var nonMatedTotal: Int { nonMatedPrefix[nonMatedPrefix.count - 1] }

    init(images: [SuiteImage], subjectCount: Int) {
        subjectOf = images.map { $0.subjectIndex ?? -1 }
        enrolment = SubjectBlocks(images: images, subjectCount: subjectCount) { $0.role.canEnrol }
        enrolmentCapable = images.map { $0.isComparable && $0.role.canEnrol }
        var verification: [Int] = []
        for (index, image) in images.enumerated() where image.isComparable && image.role.canVerify {
            verification.append(index)
        }
        self.verification = verification
        var mated = [0]
        var nonMated = [0]
        mated.reserveCapacity(verification.count + 1)
        nonMated.reserveCapacity(verification.count + 1)
        let enrolmentTotal = enrolment.order.count
        for v in verification {
            let s = subjectOf[v]
            mated.append(mated[mated.count - 1] + enrolment.size[s] - (enrolmentCapable[v] ? 1 : 0))
            nonMated.append(nonMated[nonMated.count - 1] + enrolmentTotal - enrolment.size[s])
        }
        matedPrefix = mated
        nonMatedPrefix = nonMated
    }

    func mated(_ k: Int) -> Comparison {
        let position = locate(k, in: matedPrefix)
        let v = verification[position]
        let s = subjectOf[v]
        var r = k - matedPrefix[position]
        let start = enrolment.start[s]
        if enrolmentCapable[v] {
            // Skip v itself: its slot in the block is the number of block members with a smaller image index.
            var low = start
            var high = start + enrolment.size[s]
            while low < high {
                let mid = (low + high) / 2
                if enrolment.order[mid] < v { low = mid + 1 } else { high = mid }
            }
            if start + r >= low { r += 1 }
        }
        return Comparison(verification: v, enrolment: enrolment.order[start + r], mated: true)
    }

    func nonMated(_ k: Int) -> Comparison {
        let position = locate(k, in: nonMatedPrefix)
        let v = verification[position]
        let s = subjectOf[v]
        let r = k - nonMatedPrefix[position]
        let e = r < enrolment.start[s] ? enrolment.order[r] : enrolment.order[r + enrolment.size[s]]
        return Comparison(verification: v, enrolment: e, mated: false)
    }
}

private struct UnorderedTables: Sendable {
    let blocks: SubjectBlocks
    let blockEnd: [Int]  // per position in blocks.order: end of that image's subject block
    let matedPrefix: [Int]  // per subject
    let nonMatedPrefix: [Int]  // per position in blocks.order

    var matedTotal: Int { matedPrefix[matedPrefix.count - 1] }
    var nonMatedTotal: Int { nonMatedPrefix[nonMatedPrefix.count - 1] }

    init(images: [SuiteImage], subjectCount: Int) {
        blocks = SubjectBlocks(images: images, subjectCount: subjectCount) { $0.role == .both }
        var mated = [0]
        mated.reserveCapacity(subjectCount + 1)
        for s in 0..<subjectCount {
            let n = blocks.size[s]
            mated.append(mated[mated.count - 1] + n * (n - 1) / 2)
        }
        matedPrefix = mated
        let total = blocks.order.count
        var ends = [Int](repeating: 0, count: total)
        for s in 0..<subjectCount where blocks.size[s] > 0 {
            for p in blocks.start[s]..<(blocks.start[s] + blocks.size[s]) { ends[p] = blocks.start[s] + blocks.size[s] }
        }
        blockEnd = ends
        var nonMated = [0]
        nonMated.reserveCapacity(total + 1)
        for p in 0..<total { nonMated.append(nonMated[nonMated.count - 1] + total - ends[p]) }
        nonMatedPrefix = nonMated
    }

    private func ordered(_ a: Int, _ b: Int, mated: Bool) -> Comparison {
        a < b
            ? Comparison(verification: b, enrolment: a, mated: mated)
            : Comparison(verification: a, enrolment: b, mated: mated)
    }

    func mated(_ k: Int) -> Comparison {
        let s = locate(k, in: matedPrefix)
        let n = blocks.size[s]
        let r = k - matedPrefix[s]
        // Row i holds pairs (i, i+1 ..< n); rows before i hold i·(2n − i − 1)/2 pairs.
        var low = 0
        var high = n - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if mid * (2 * n - mid - 1) / 2 <= r { low = mid } else { high = mid }
        }
        let i = low
        let j = i + 1 + (r - i * (2 * n - i - 1) / 2)
        let start = blocks.start[s]
        return ordered(blocks.order[start + i], blocks.order[start + j], mated: true)
    }

    func nonMated(_ k: Int) -> Comparison {
        let p = locate(k, in: nonMatedPrefix)
        let q = blockEnd[p] + (k - nonMatedPrefix[p])
        return ordered(blocks.order[p], blocks.order[q], mated: false)
    }
}

/// A keyed pseudo-random permutation of `0 ..< domain`: a balanced Feistel network over the smallest even bit
/// width that covers the domain, cycle-walked until the value falls inside it.
struct FeistelPermutation: Sendable, Hashable {
    let domain: UInt64
    let halfBits: UInt64
    let keys: [UInt64]

    static let rounds = 6

    init(domain: UInt64, seed: UInt64) {
        precondition(domain >= 1)
        var bits: UInt64 = 2
        while bits < 64, (UInt64(1) << bits) < domain { bits += 1 }
        if bits % 2 == 1 { bits += 1 }
        self.domain = domain
        self.halfBits = bits / 2
        var state = seed
        keys = (0..<Self.rounds).map { _ in
            state &+= SeededGenerator.increment
            return Self.mix(state)
        }
    }

    static func mix(_ value: UInt64) -> UInt64 { SeededGenerator.mix(value) }

    private func encrypt(_ value: UInt64) -> UInt64 {
        let mask = (UInt64(1) << halfBits) - 1
        var left = value >> halfBits
        var right = value & mask
        for key in keys {
            let next = left ^ (Self.mix(right ^ key) & mask)
            left = right
            right = next
        }
        return (left << halfBits) | right
    }

    /// The image of `value` (which must be below `domain`).
    func apply(_ value: UInt64) -> UInt64 {
        var x = encrypt(value)
        while x >= domain { x = encrypt(x) }
        return x
    }
}
