import BiometricMetrics
/// A seeded pseudo-random permutation of `0 ..< count` computed on the fly, in O(1) memory.
///
/// A balanced Feistel network over the smallest even number of bits that covers `count`, keyed by the seed with
/// SplitMix64 round functions, restricted to `0 ..< count` by cycle walking (Black and Rogaway, "Ciphers with
/// Arbitrary Finite Domains", CT-RSA 2002). The domain is at most 4 × `count`, so a lookup walks fewer than four
/// steps on average. Used to visit comparisons so that the order reveals nothing about which pairs are mated.
public struct ShuffledOrder: Sendable, Hashable {
    /// The size of the permuted range.
    public let count: Int
    private let halfBits: UInt64
    private let halfMask: UInt64
    private let keys: (UInt64, UInt64, UInt64, UInt64)

    /// Creates the permutation of `0 ..< count` that `seed` selects.
    ///
    /// - Parameters:
    ///   - count: The size of the range (0 allowed).
    ///   - seed: Any value; equal seeds give equal permutations.
    public init(count: Int, seed: UInt64) {
        self.count = count
        var bits: UInt64 = 2
        while bits < 62 && (UInt64(1) << bits) < UInt64(max(count, 1)) { bits += 2 }
        halfBits = bits / 2
        halfMask = (UInt64(1) << (bits / 2)) - 1
        var generator = SeededGenerator(seed: seed ^ 0x6A09_E667_F3BC_C908)
        keys = (generator.next(), generator.next(), generator.next(), generator.next())
    }

    public static func == (lhs: ShuffledOrder, rhs: ShuffledOrder) -> Bool {
        lhs.count == rhs.count && lhs.keys == rhs.keys
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(keys.0)
        hasher.combine(keys.1)
    }

    /// The element at `position` of the permutation.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always)
    public subscript(position: Int) -> Int {
        var value = UInt64(position)
        repeat { value = encrypt(value) } while value >= UInt64(count)
        return Int(value)
    }

    @inline(__always)
    private func encrypt(_ value: UInt64) -> UInt64 {
        var left = value >> halfBits
        var right = value & halfMask
        (left, right) = (right, (left ^ Self.mix(right &+ keys.0)) & halfMask)
        (left, right) = (right, (left ^ Self.mix(right &+ keys.1)) & halfMask)
        (left, right) = (right, (left ^ Self.mix(right &+ keys.2)) & halfMask)
        (left, right) = (right, (left ^ Self.mix(right &+ keys.3)) & halfMask)
        return (left << halfBits) | right
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        SeededGenerator.mix(value &+ SeededGenerator.increment)
    }
}

