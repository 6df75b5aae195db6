import Foundation

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
