import Foundation

/// The rectangle of an inline SVG plot: its size and the margins around the plotting area.
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
