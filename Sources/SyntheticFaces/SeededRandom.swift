/// The generator's only source of randomness: SplitMix64 (Steele, Lea, Flood 2014), with independent streams
/// derived by hashing a label into the seed, so subject 7 is the same face whatever `--subjects` says.
///
/// Every draw is integer arithmetic or an exactly rounded IEEE-754 operation, so the same seed gives the same
/// numbers on every machine.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A stream for a seed.
    init(seed: UInt64) { state = seed }

    /// An independent stream for `seed` and a list of labels (purpose, subject number, image number).
    init(seed: UInt64, stream labels: UInt64...) {
        var state = Self.mix(seed ^ 0x5EED_FACE_0000_0001)
        for label in labels { state = Self.mix(state ^ Self.mix(label &+ 0x9E37_79B9_7F4A_7C15)) }
        self.state = state
    }

    /// SplitMix64's output function: a bijective 64-bit mixer.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// Uniform in [0, 1): the top 53 bits times 2⁻⁵³ (exact).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

    /// Approximately normal with mean 0 and standard deviation 1: the Irwin–Hall sum of 4 uniforms, centred and
    /// scaled (range ±2√3; no logarithms or cosines, so exact everywhere).
    mutating func normal() -> Double { (unit() + unit() + unit() + unit() - 2) * 1.7320508075688772 }

    /// Uniform integer in 0..<count.
    mutating func index(_ count: Int) -> Int { Int(next() % UInt64(count)) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }
}

/// A stateless hash of a pixel position into [0, 1), for per-pixel noise independent of evaluation order.
@inline(__always)
func pixelHash(_ seed: UInt64, _ x: Int, _ y: Int) -> Double {
    let key = seed ^ (UInt64(truncatingIfNeeded: x) &* 0x9E37_79B9_7F4A_7C15)
        ^ (UInt64(truncatingIfNeeded: y) &* 0xC2B2_AE3D_27D4_EB4F)
    return Double(SeededRandom.mix(key) >> 11) * 0x1p-53
}

/// Elementary functions built from IEEE-754 basic operations only (+, −, ×, ÷, √), so results are bit-identical
/// on every machine; libm's `sin`/`cos` may differ in the last bit between library versions.
enum ExactMath {
    static let pi = 3.141592653589793

    /// sin and cos of an angle in radians, clamped to |angle| ≤ π/2: Taylor polynomials to degree 15/14 evaluated
    /// by Horner's rule (truncation error below 1e-10 on that range and below 1e-16 for the |angle| ≤ 0.1 rolls
    /// the generator uses).
    static func sinCos(_ angle: Double) -> (sin: Double, cos: Double) {
        let x = min(max(angle, -pi / 2), pi / 2)
        let x2 = x * x
        var s = 1.0 / 1_307_674_368_000.0  // 1/15!
        s = s * -x2 + 1.0 / 6_227_020_800.0  // 1/13!
        s = s * -x2 + 1.0 / 39_916_800.0  // 1/11!
        s = s * -x2 + 1.0 / 362_880.0  // 1/9!
        s = s * -x2 + 1.0 / 5_040.0
        s = s * -x2 + 1.0 / 120.0
        s = s * -x2 + 1.0 / 6.0
        s = s * -x2 + 1.0
        var c = 1.0 / 87_178_291_200.0  // 1/14!
        c = c * -x2 + 1.0 / 479_001_600.0
        c = c * -x2 + 1.0 / 3_628_800.0
        c = c * -x2 + 1.0 / 40_320.0
        c = c * -x2 + 1.0 / 720.0
        c = c * -x2 + 1.0 / 24.0
        c = c * -x2 + 1.0 / 2.0
        c = c * -x2 + 1.0
        return (s * x, c)
    }

    /// Clamps to [0, 1].
    @inline(__always)
    static func saturate(_ x: Double) -> Double { min(max(x, 0), 1) }

    /// Hermite smoothstep between `edge0` and `edge1`.
    @inline(__always)
    static func smoothstep(_ edge0: Double, _ edge1: Double, _ x: Double) -> Double {
        let t = saturate((x - edge0) / (edge1 - edge0))
        return t * t * (3 - 2 * t)
    }

    /// Anti-aliased coverage of a region given its signed distance (negative inside) and the pixel size, both in
    /// the same units: a linear ramp one pixel wide centred on the edge.
    @inline(__always)
    static func coverage(_ signedDistance: Double, pixel: Double) -> Double {
        saturate(0.5 - signedDistance / pixel)
    }
}
