import BiometricMetrics

/// A rate axis on the normal-deviate (probit) scale, as DET plots use (Martin et al. 1997).
///
/// Rates outside `[low, high]`, including 0 and 1 (whose deviates are infinite), are clipped to the axis ends;
/// ``clips(_:)`` says whether a value was.
struct ProbitAxis {
    /// The candidate tick rates: decades up to 1 %, then 5 %, 20 %, 50 % and symmetric beyond.
    static let tickRates: [Double] = [
        1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.05, 0.2, 0.5, 0.8, 0.95, 0.99, 0.999,
    ]

    let low: Double
    let high: Double
    private let lowDeviate: Double
    private let highDeviate: Double

    /// An axis that shows every positive value in `values` and `mustShow`, from a decade tick below the smallest
    /// (never above 1 %, never below 1e-8) to the smallest tick at or above the largest of `mustShow` (at least
    /// 50 %, at most 99.9 %). DET curves always reach 100 % at their ends; those parts are clipped.
    init(values: [Double], mustShow: [Double]) {
        let positive = (values + mustShow).filter { $0 > 0 && $0.isFinite }
        let smallest = positive.min() ?? 1e-3
        low = ProbitAxis.tickRates.last { $0 <= min(smallest, 0.01) } ?? 1e-8
        let largest = mustShow.filter { $0.isFinite && $0 < 1 }.max() ?? 0
        high = ProbitAxis.tickRates.first { $0 >= max(largest, 0.5) } ?? 0.999
        lowDeviate = NormalDistribution.quantile(low)
        highDeviate = NormalDistribution.quantile(high)
    }

    var ticks: [Double] { ProbitAxis.tickRates.filter { $0 >= low && $0 <= high } }

    /// Whether `rate` lies outside the drawable range and is drawn on an axis end instead.
    func clips(_ rate: Double) -> Bool { !(rate >= low && rate <= high) }

    /// The position of `rate` in [0, 1] along the axis (0 at `low`), after clipping.
    func fraction(_ rate: Double) -> Double {
        let clipped = rate.isNaN ? low : min(max(rate, low), high)
        return (NormalDistribution.quantile(clipped) - lowDeviate) / (highDeviate - lowDeviate)
    }
}
