import BiometricMetrics
import Foundation

/// Shared geometry for the inline SVG plots: a rectangle, linear and probit axes, and number text for SVG.
struct PlotFrame {
    var width: Double
    var height: Double
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }
    var plotWidth: Double { plotRight - plotLeft }
    var plotHeight: Double { plotBottom - plotTop }
}

/// SVG coordinates with one decimal, locale-independent.
///
/// Integer arithmetic instead of `String(format:)`: plots of long DET curves format hundreds of thousands of
/// coordinates.
func svgNumber(_ x: Double) -> String {
    guard x.isFinite, abs(x) < 1e15 else { return NumberText.fixed(x, decimals: 1) }
    let tenths = Int((x * 10).rounded())
    let magnitude = tenths.magnitude
    return "\(tenths < 0 ? "-" : "")\(magnitude / 10).\(magnitude % 10)"
}

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

/// A linear axis with "nice" ticks (1, 2 or 5 times a power of ten).
struct LinearAxis {
    var low: Double
    var high: Double
    var step: Double

    init(low: Double, high: Double, targetTicks: Int = 6) {
        var lo = low
        var hi = high
        if !(hi > lo) {
            lo -= 0.5
            hi += 0.5
        }
        let raw = (hi - lo) / Double(max(targetTicks - 1, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let normalized = raw / magnitude
        let nice: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10
        step = nice * magnitude
        self.low = lo
        self.high = hi
    }

    var ticks: [Double] {
        var out: [Double] = []
        var k = (low / step).rounded(.up)
        while k * step <= high + step * 1e-9 {
            out.append(k * step)
            k += 1
        }
        return out
    }

    func fraction(_ x: Double) -> Double { (x - low) / (high - low) }

    /// Tick text with as many decimals as the step needs.
    func label(_ x: Double) -> String {
        let decimals = max(0, -Int(floor(log10(step) + 1e-9)))
        let text = NumberText.fixed(x, decimals: decimals)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}
