import Foundation

/// The standard normal deviate (probit): the inverse of the standard normal cumulative distribution function.
///
/// DET curves (Martin et al., "The DET curve in assessment of detection task performance", Eurospeech 1997;
/// ISO/IEC 19795-1:2021 clause 3.5 / annex on DET) plot FMR and FNMR on this scale, where normal score
/// distributions become straight lines.
///
/// Algorithm: Peter J. Acklam, "An algorithm for computing the inverse normal cumulative distribution function"
/// (2003; rational approximations in three regions, relative error < 1.15 × 10⁻⁹), followed by one step of
/// Halley's method on `Φ(x) − p` using `erfc`, which brings the result to about full double precision
/// (as Acklam recommends).
enum NormalDeviate {
    private static let a: [Double] = [
        -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
    ]
    private static let b: [Double] = [
        -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01,
    ]
    private static let c: [Double] = [
        -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
    ]
    private static let d: [Double] = [
        7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00,
    ]
    private static let lowBreak = 0.02425

    /// Φ⁻¹(p), the `x` with P(Z ≤ x) = p for a standard normal Z.
    ///
    /// - Parameter p: A probability.
    /// - Returns: The deviate; `-infinity` for `p == 0`, `+infinity` for `p == 1`, NaN outside [0, 1] or for NaN.
    /// - Complexity: O(1).
    static func probit(_ p: Double) -> Double {
        guard p >= 0 && p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        var x: Double
        if p < lowBreak {
            let q = (-2 * log(p)).squareRoot()
            x = tail(q)
        } else if p <= 1 - lowBreak {
            let q = p - 0.5
            let r = q * q
            let numerator = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            let denominator = ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1
            x = numerator / denominator
        } else {
            let q = (-2 * log1p(-p)).squareRoot()
            x = -tail(q)
        }
        // One Halley step: e = Φ(x) − p, u = e·√(2π)·exp(x²/2), x ← x − u / (1 + x·u/2).
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }

    private static func tail(_ q: Double) -> Double {
        let numerator = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]
        let denominator = (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1
        return numerator / denominator
    }
}
