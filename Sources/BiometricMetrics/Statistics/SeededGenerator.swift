/// A small, fast, seeded random number generator (SplitMix64, Steele, Lea & Flood 2014).
///
/// The one seeded generator of facecert's modules: the subjects bootstrap, the runner's shuffles, seeded non-mated
/// samples of suites and the validator's probe images all draw from it, so the same seed gives the same result on
/// every platform. Not cryptographic. (`SyntheticFaces` keeps its own copy on purpose: it depends on FaceImaging
/// only, and its byte-for-byte output is a published contract.)
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// SplitMix64's increment, the 64-bit golden ratio.
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    private var state: UInt64

    /// Creates a generator whose whole output sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.mix(state)
    }

    /// SplitMix64's output function: a bijective 64-bit mixer (also used as the round function of the keyed
    /// permutations in ConformanceVectors and ConformanceRunner).
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
