#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The standard normal distribution: CDF Φ and its inverse, the probit Φ⁻¹, used for DET axes.
///
/// DET curves (Martin et al., "The DET curve in assessment of detection task performance", Eurospeech 1997; the
/// DET curve of ISO/IEC 19795-1's terms; bob.measure's `ppndf`) plot FMR and FNMR on the normal-deviate scale
/// Φ⁻¹(p).
public enum NormalDistribution {
    /// Φ(x) = P(Z ≤ x) for Z ~ N(0, 1), via `erfc` (full double precision in both tails).
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// The probit Φ⁻¹(p): the normal deviate with lower-tail probability `p`.
    ///
    /// Acklam's rational approximation refined by one Halley step on `erfc`, accurate to a few ulps over
    /// (0, 1) including 1e-300.
    ///
    /// - Parameter p: a probability.
    /// - Returns: −∞ for `p == 0`, +∞ for `p == 1`, NaN outside [0, 1] or for NaN.
    public static func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        // Φ(x) near 1 cannot resolve small upper tails, so solve in the lower tail: 1 − p is exact for p ≥ ½.
        if p > 0.5 { return -quantile(1 - p) }
        var x = approximateQuantile(p)
        // Halley refinement (Acklam): e = Φ(x) − p; u = e·√(2π)·exp(x²/2).
        let error = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = error * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x = x - u / (1 + x * u / 2)
        return x
    }

    /// Acklam's approximation alone (relative error < 1.15e-9): fast enough for sweeping millions of DET points.
    static func approximateQuantile(_ p: Double) -> Double {
        let a = (
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00
        )
        let b = (
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01
        )
        let c = (
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00
        )
        let d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00)
        let low = 0.02425
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            return (((((c.0 * q + c.1) * q + c.2) * q + c.3) * q + c.4) * q + c.5)
                / ((((d.0 * q + d.1) * q + d.2) * q + d.3) * q + 1)
        }
        if p > 1 - low {
            let q = (-2 * log1p(-p)).squareRoot()
            return -(((((c.0 * q + c.1) * q + c.2) * q + c.3) * q + c.4) * q + c.5)
                / ((((d.0 * q + d.1) * q + d.2) * q + d.3) * q + 1)
        }
        let q = p - 0.5
        let r = q * q
        return (((((a.0 * r + a.1) * r + a.2) * r + a.3) * r + a.4) * r + a.5) * q
            / (((((b.0 * r + b.1) * r + b.2) * r + b.3) * r + b.4) * r + 1)
    }
}
