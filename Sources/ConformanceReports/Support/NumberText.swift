import Foundation

/// Locale-independent number text shared by every renderer, so reports are byte-for-byte stable across machines.
enum NumberText {
    /// `x` with `decimals` digits after the point, `.` as separator, whatever the locale.
    static func fixed(_ x: Double, decimals: Int) -> String {
        String(format: "%.\(max(0, min(decimals, 15)))f", x)
    }

    /// `x` with about `digits` significant digits, never in exponent notation, trailing zeros dropped.
    ///
    /// Non-finite values read `NaN`, `∞`, `−∞`; zero reads `0`.
    static func significant(_ x: Double, digits: Int = 3) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
        if x == 0 { return "0" }
        let magnitude = Int(floor(log10(abs(x))))
        var text = fixed(x, decimals: digits - 1 - magnitude)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A rate in [0, 1] as a percentage with about three significant digits: `0.000123` → `0.0123 %`.
    /// A rate just below 1 never reads `100 %`: digits are added until the text shows it is not all.
    static func percent(_ rate: Double, digits: Int = 3) -> String {
        var text = significant(rate * 100, digits: digits)
        var extra = digits
        while rate < 1, text == "100", extra < 15 {
            extra += 1
            text = significant(rate * 100, digits: extra)
        }
        return "\(text) %"
    }

    /// An optional rate as a percentage, or an em dash when absent.
    static func percent(_ rate: Double?) -> String {
        rate.map { percent($0) } ?? "—"
    }

    /// An integer with `,` between groups of three digits: `1234567` → `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return n < 0 ? "-" + out : out
    }

    /// A score or threshold exactly as Swift prints the `Double` (shortest text that reads back the same value).
    static func score(_ x: Double) -> String {
        guard x.isFinite else { return significant(x) }
        return "\(x)"
    }

    /// A duration in the unit that suits it: `µs`, `ms`, `s`, or `min s`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return significant(seconds) }
        let s = abs(seconds)
        if s == 0 { return "0 s" }
        if s < 1e-3 { return "\(significant(seconds * 1e6)) µs" }
        if s < 1 { return "\(significant(seconds * 1e3)) ms" }
        if s < 60 { return "\(significant(seconds)) s" }
        let minutes = Int(s / 60)
        let rest = s - Double(minutes) * 60
        return "\(seconds < 0 ? "-" : "")\(minutes) min \(fixed(rest, decimals: 0)) s"
    }

    /// A confidence level as a percentage without trailing zeros: `0.95` → `95 %`, `0.999` → `99.9 %`.
    static func confidence(_ level: Double) -> String {
        percent(level, digits: 4)
    }
}
