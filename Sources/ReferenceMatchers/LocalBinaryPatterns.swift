/// Uniform local binary patterns LBP(8, R) with 59 labels (Ojala, Pietikäinen, Mäenpää 2002; Ahonen, Hadid,
/// Pietikäinen 2006, section 2).
///
/// Each pixel's 8 neighbours on a circle of radius R (sampled bilinearly where they fall between pixels) are
/// compared with the centre: bit k is 1 when neighbour k ≥ centre. A code with at most two 0/1 transitions on the
/// circle is *uniform* (58 codes) and keeps its own label 0…57; every other code shares label 58.
enum LocalBinaryPatterns {
    /// Number of labels of uniform LBP(8, R): 58 uniform codes plus one for all non-uniform codes.
    static let labelCount = 59

    /// Label of each 8-bit code: uniform codes numbered 0…57 in increasing code order, all others 58.
    static let uniformLabel: [UInt8] = {
        var table = [UInt8](repeating: 58, count: 256)
        var next: UInt8 = 0
        for code in 0..<256 {
            let rotated = ((code << 1) | (code >> 7)) & 0xFF
            if (code ^ rotated).nonzeroBitCount <= 2 {
                table[code] = next
                next += 1
            }
        }
        return table
    }()

    /// Computes the label image of a gray plane.
    ///
    /// Neighbour k sits at `(x + R·cos(2πk/8), y − R·sin(2πk/8))`; the diagonal offsets use R·√½ computed with
    /// the IEEE-exact square root, so labels are identical on every machine.
    ///
    /// - Parameters:
    ///   - plane: `width × height` intensities, row-major.
    ///   - radius: R in pixels (1…4).
    /// - Returns: `(width − 2R) × (height − 2R)` labels in 0…58, row-major, and that size.
    /// - Complexity: O(width × height).
    static func labels(_ plane: [Float], width: Int, height: Int, radius: Int) -> (labels: [UInt8], width: Int, height: Int) {
        let outWidth = width - 2 * radius, outHeight = height - 2 * radius
        guard outWidth > 0, outHeight > 0 else { return ([], 0, 0) }
        let r = Float(radius)
        let d = r * Float(0.5).squareRoot()
        // Neighbour offsets counter-clockwise from the right: (dx, dy) with y down.
        let offsets: [(Float, Float)] = [(r, 0), (d, -d), (0, -r), (-d, -d), (-r, 0), (-d, d), (0, r), (d, d)]
        // Precompute each neighbour's integer base and bilinear weights (same for every pixel).
        struct Tap {
            var dx0: Int, dy0: Int
            var w00: Float, w10: Float, w01: Float, w11: Float
        }
        let taps: [Tap] = offsets.map { offset in
            let fx = offset.0.rounded(.down), fy = offset.1.rounded(.down)
            let tx = offset.0 - fx, ty = offset.1 - fy
            return Tap(
                dx0: Int(fx), dy0: Int(fy), w00: (1 - tx) * (1 - ty), w10: tx * (1 - ty), w01: (1 - tx) * ty,
                w11: tx * ty)
        }
        let table = uniformLabel
        var out = [UInt8](repeating: 0, count: outWidth * outHeight)
        plane.withUnsafeBufferPointer { src in
            taps.withUnsafeBufferPointer { taps in
                table.withUnsafeBufferPointer { table in
                    out.withUnsafeMutableBufferPointer { dst in
                        for y in 0..<outHeight {
                            let cy = y + radius
                            for x in 0..<outWidth {
                                let cx = x + radius
                                let centre = src[cy * width + cx]
                                var code = 0
                                for k in 0..<8 {
                                    let tap = taps[k]
                                    let base = (cy + tap.dy0) * width + cx + tap.dx0
                                    var value = tap.w00 * src[base]
                                    if tap.w10 != 0 { value += tap.w10 * src[base + 1] }
                                    if tap.w01 != 0 { value += tap.w01 * src[base + width] }
                                    if tap.w11 != 0 { value += tap.w11 * src[base + width + 1] }
                                    if value >= centre { code |= 1 << k }
                                }
                                dst[y * outWidth + x] = table[code]
                            }
                        }
                    }
                }
            }
        }
        return (out, outWidth, outHeight)
    }
}
