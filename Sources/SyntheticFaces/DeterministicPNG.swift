import FaceImaging

/// A PNG encoder in pure Swift whose output depends only on the pixels: byte-identical on every machine.
///
/// libpng + zlib output can change with the zlib build (zlib-ng, Chromium's zlib, Apple's zlib choose different
/// matches), so the committed synthetic suite is encoded here instead. The stream is a standard PNG: signature,
/// `IHDR` (8-bit gray or RGB, no interlace), one `IDAT` holding a zlib stream, `IEND`. Each scanline takes the
/// filter with the smallest sum of absolute signed residuals (PNG spec 12.8 heuristic, ties to the lowest filter
/// number); deflate (RFC 1951) uses greedy LZ77 matching on a 3-byte hash chain (at most 48 candidates) and one
/// dynamic-Huffman block per 16,384 symbols, code lengths limited to 15 (7 for the code-length code) by
/// repeated frequency halving. Every step is integer arithmetic with fixed tie-breaking.
enum DeterministicPNG {
    /// Encodes an image.
    ///
    /// - Complexity: O(pixels × 48) in the worst case.
    static func encode(_ image: FaceImage) -> [UInt8] {
        let channels = image.format.channels
        let rowBytes = image.width * channels
        var filtered = [UInt8]()
        filtered.reserveCapacity((rowBytes + 1) * image.height)
        image.pixels.withUnsafeBufferPointer { pixels in
            var candidate = [UInt8](repeating: 0, count: rowBytes)
            var best = [UInt8](repeating: 0, count: rowBytes)
            for y in 0..<image.height {
                let row = y * rowBytes
                var bestCost = Int.max, bestFilter: UInt8 = 0
                for filter in UInt8(0)...4 {
                    var cost = 0
                    for i in 0..<rowBytes {
                        let x = pixels[row + i]
                        let a = i >= channels ? pixels[row + i - channels] : 0
                        let b = y > 0 ? pixels[row - rowBytes + i] : 0
                        let c = (i >= channels && y > 0) ? pixels[row - rowBytes + i - channels] : 0
                        let predictor: UInt8
                        switch filter {
                        case 0: predictor = 0
                        case 1: predictor = a
                        case 2: predictor = b
                        case 3: predictor = UInt8((Int(a) + Int(b)) / 2)
                        default: predictor = paeth(a, b, c)
                        }
                        let residual = x &- predictor
                        candidate[i] = residual
                        cost += residual < 128 ? Int(residual) : 256 - Int(residual)
                    }
                    if cost < bestCost {
                        bestCost = cost
                        bestFilter = filter
                        swap(&candidate, &best)
                    }
                }
                filtered.append(bestFilter)
                filtered += best
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = [UInt8]()
        appendBigEndian(UInt32(image.width), to: &header)
        appendBigEndian(UInt32(image.height), to: &header)
        header += [8, image.format == .gray8 ? 0 : 2, 0, 0, 0]
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", zlib(filtered), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    private static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    private static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: value)]
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &png)
        let body = Array(type.utf8) + data
        png += body
        appendBigEndian(crc32(body), to: &png)
    }

    private static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 (ISO 3309, PNG spec annex D).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// A zlib stream (RFC 1950): header 78 01, deflate data, Adler-32.
    static func zlib(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        out += Deflate.compress(data)
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        appendBigEndian(b << 16 | a, to: &out)
        return out
    }
}

/// Deflate (RFC 1951) with greedy hash-chain LZ77 and dynamic Huffman blocks; see ``DeterministicPNG``.
enum Deflate {
    private static let lengthBase: [Int] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
        258,
    ]
    private static let lengthExtra: [Int] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBase: [Int] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra: [Int] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// One LZ77 symbol: a literal (`length == 0`) or a back-reference.
    private struct Symbol {
        var literal: UInt8
        var length: UInt16
        var distance: UInt16
    }

    static func compress(_ data: [UInt8]) -> [UInt8] {
        let symbols = lz77(data)
        var writer = BitWriter()
        let blockSize = 16_384
        var start = 0
        repeat {
            let end = min(start + blockSize, symbols.count)
            writeBlock(symbols[start..<end], final: end == symbols.count, to: &writer)
            start = end
        } while start < symbols.count
        return writer.finish()
    }

    private static func lz77(_ data: [UInt8]) -> [Symbol] {
        let window = 32_768, hashSize = 1 << 15, maxChain = 48
        var head = [Int](repeating: -1, count: hashSize)
        var previous = [Int](repeating: -1, count: window)
        var symbols = [Symbol]()
        symbols.reserveCapacity(data.count / 2)
        let n = data.count
        func hash(_ i: Int) -> Int {
            (Int(data[i]) << 10 ^ Int(data[i + 1]) << 5 ^ Int(data[i + 2])) & (hashSize - 1)
        }
        func insert(_ i: Int) {
            guard i + 2 < n else { return }
            let h = hash(i)
            previous[i & (window - 1)] = head[h]
            head[h] = i
        }
        var i = 0
        while i < n {
            var bestLength = 0, bestDistance = 0
            if i + 2 < n {
                var candidate = head[hash(i)]
                var chain = 0
                let limit = min(258, n - i)
                while candidate >= 0 && i - candidate <= window - 1 && chain < maxChain {
                    if data[candidate + bestLength] == data[i + bestLength] || bestLength == 0 {
                        var length = 0
                        while length < limit && data[candidate + length] == data[i + length] { length += 1 }
                        if length > bestLength {
                            bestLength = length
                            bestDistance = i - candidate
                            if length == limit { break }
                        }
                    }
                    let next = previous[candidate & (window - 1)]
                    guard next < candidate else { break }
                    candidate = next
                    chain += 1
                }
            }
            if bestLength >= 3 {
                symbols.append(Symbol(literal: 0, length: UInt16(bestLength), distance: UInt16(bestDistance)))
                for k in i..<(i + bestLength) { insert(k) }
                i += bestLength
            } else {
                symbols.append(Symbol(literal: data[i], length: 0, distance: 0))
                insert(i)
                i += 1
            }
        }
        return symbols
    }

    private static func lengthCode(_ length: Int) -> Int {
        var code = lengthBase.count - 1
        while lengthBase[code] > length { code -= 1 }
        return code
    }

    private static func distanceCode(_ distance: Int) -> Int {
        var code = distanceBase.count - 1
        while distanceBase[code] > distance { code -= 1 }
        return code
    }

    private static func writeBlock(_ symbols: ArraySlice<Symbol>, final: Bool, to writer: inout BitWriter) {
        var literalFrequencies = [Int](repeating: 0, count: 286)
        var distanceFrequencies = [Int](repeating: 0, count: 30)
        for symbol in symbols {
            if symbol.length == 0 {
                literalFrequencies[Int(symbol.literal)] += 1
            } else {
                literalFrequencies[257 + lengthCode(Int(symbol.length))] += 1
                distanceFrequencies[distanceCode(Int(symbol.distance))] += 1
            }
        }
        literalFrequencies[256] = 1
        // Every tree gets at least two used symbols so that each code is complete.
        ensureTwoSymbols(&literalFrequencies)
        ensureTwoSymbols(&distanceFrequencies)
        let literalLengths = huffmanLengths(literalFrequencies, limit: 15)
        let distanceLengths = huffmanLengths(distanceFrequencies, limit: 15)
        var literalCount = 286
        while literalCount > 257 && literalLengths[literalCount - 1] == 0 { literalCount -= 1 }
        var distanceCount = 30
        while distanceCount > 1 && distanceLengths[distanceCount - 1] == 0 { distanceCount -= 1 }
        // Run-length encode the code lengths (symbols 0–15, 16 repeat previous, 17/18 repeat zero).
        let all = Array(literalLengths[0..<literalCount]) + Array(distanceLengths[0..<distanceCount])
        var runs = [(symbol: Int, extra: Int)]()
        var k = 0
        while k < all.count {
            let value = all[k]
            var run = 1
            while k + run < all.count && all[k + run] == value { run += 1 }
            var remaining = run
            if value == 0 {
                while remaining >= 11 {
                    let take = min(remaining, 138)
                    runs.append((18, take - 11))
                    remaining -= take
                }
                if remaining >= 3 {
                    runs.append((17, remaining - 3))
                    remaining = 0
                }
            } else {
                runs.append((value, 0))
                remaining -= 1
                while remaining >= 3 {
                    let take = min(remaining, 6)
                    runs.append((16, take - 3))
                    remaining -= take
                }
            }
            for _ in 0..<remaining { runs.append((value, 0)) }
            k += run
        }
        var codeLengthFrequencies = [Int](repeating: 0, count: 19)
        for run in runs { codeLengthFrequencies[run.symbol] += 1 }
        ensureTwoSymbols(&codeLengthFrequencies)
        let codeLengthLengths = huffmanLengths(codeLengthFrequencies, limit: 7)
        var codeLengthCount = 19
        while codeLengthCount > 4 && codeLengthLengths[codeLengthOrder[codeLengthCount - 1]] == 0 {
            codeLengthCount -= 1
        }
        let literalCodes = canonicalCodes(literalLengths)
        let distanceCodes = canonicalCodes(distanceLengths)
        let codeLengthCodes = canonicalCodes(codeLengthLengths)

        writer.write(final ? 1 : 0, bits: 1)
        writer.write(2, bits: 2)
        writer.write(literalCount - 257, bits: 5)
        writer.write(distanceCount - 1, bits: 5)
        writer.write(codeLengthCount - 4, bits: 4)
        for i in 0..<codeLengthCount { writer.write(codeLengthLengths[codeLengthOrder[i]], bits: 3) }
        for run in runs {
            writer.writeCode(codeLengthCodes[run.symbol], length: codeLengthLengths[run.symbol])
            switch run.symbol {
            case 16: writer.write(run.extra, bits: 2)
            case 17: writer.write(run.extra, bits: 3)
            case 18: writer.write(run.extra, bits: 7)
            default: break
            }
        }
        for symbol in symbols {
            if symbol.length == 0 {
                writer.writeCode(literalCodes[Int(symbol.literal)], length: literalLengths[Int(symbol.literal)])
            } else {
                let length = Int(symbol.length), distance = Int(symbol.distance)
                let lc = lengthCode(length)
                writer.writeCode(literalCodes[257 + lc], length: literalLengths[257 + lc])
                writer.write(length - lengthBase[lc], bits: lengthExtra[lc])
                let dc = distanceCode(distance)
                writer.writeCode(distanceCodes[dc], length: distanceLengths[dc])
                writer.write(distance - distanceBase[dc], bits: distanceExtra[dc])
            }
        }
        writer.writeCode(literalCodes[256], length: literalLengths[256])
    }

    private static func ensureTwoSymbols(_ frequencies: inout [Int]) {
        var used = frequencies.filter { $0 > 0 }.count
        var i = 0
        while used < 2 {
            if frequencies[i] == 0 {
                frequencies[i] = 1
                used += 1
            }
            i += 1
        }
    }

    /// Huffman code lengths for the used symbols, at most `limit` bits; ties broken by symbol number.
    static func huffmanLengths(_ frequencies: [Int], limit: Int) -> [Int] {
        var weights = frequencies
        while true {
            let lengths = unlimitedLengths(weights)
            if lengths.allSatisfy({ $0 <= limit }) { return lengths }
            weights = weights.map { $0 == 0 ? 0 : ($0 + 1) / 2 }
        }
    }

    private static func unlimitedLengths(_ frequencies: [Int]) -> [Int] {
        // Nodes: leaves 0..<n, then internal nodes; parent links give depths.
        var weight = [Int](), parent = [Int]()
        var leaves = [Int]()
        for (symbol, frequency) in frequencies.enumerated() where frequency > 0 {
            leaves.append(symbol)
        }
        leaves.sort { (frequencies[$0], $0) < (frequencies[$1], $1) }
        for symbol in leaves {
            weight.append(frequencies[symbol])
            parent.append(-1)
        }
        // Two-queue merge: leaves in order, internal nodes in creation order (non-decreasing weights).
        var leafIndex = 0, internalIndex = leaves.count
        func takeSmallest() -> Int {
            if leafIndex < leaves.count && (internalIndex >= weight.count || weight[leafIndex] <= weight[internalIndex]) {
                leafIndex += 1
                return leafIndex - 1
            }
            internalIndex += 1
            return internalIndex - 1
        }
        while (leaves.count - leafIndex) + (weight.count - internalIndex) > 1 {
            let a = takeSmallest(), b = takeSmallest()
            weight.append(weight[a] + weight[b])
            parent.append(-1)
            parent[a] = weight.count - 1
            parent[b] = weight.count - 1
        }
        var lengths = [Int](repeating: 0, count: frequencies.count)
        for (index, symbol) in leaves.enumerated() {
            var depth = 0, node = index
            while parent[node] >= 0 {
                depth += 1
                node = parent[node]
            }
            lengths[symbol] = max(depth, 1)
        }
        return lengths
    }

    /// Canonical Huffman codes (RFC 1951 3.2.2).
    private static func canonicalCodes(_ lengths: [Int]) -> [Int] {
        let maxLength = lengths.max() ?? 0
        var count = [Int](repeating: 0, count: maxLength + 1)
        for length in lengths where length > 0 { count[length] += 1 }
        var next = [Int](repeating: 0, count: maxLength + 2)
        var code = 0
        if maxLength >= 1 {
            for bits in 1...maxLength {
                code = (code + count[bits - 1]) << 1
                next[bits] = code
            }
        }
        var codes = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            codes[symbol] = next[length]
            next[length] += 1
        }
        return codes
    }

    /// LSB-first bit packing (RFC 1951 3.1.1); Huffman codes are written most significant bit first.
    private struct BitWriter {
        var bytes = [UInt8]()
        var buffer: UInt64 = 0
        var count = 0

        mutating func write(_ value: Int, bits: Int) {
            guard bits > 0 else { return }
            buffer |= UInt64(value) << UInt64(count)
            count += bits
            while count >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                count -= 8
            }
        }

        mutating func writeCode(_ code: Int, length: Int) {
            var reversed = 0
            for bit in 0..<length { reversed |= ((code >> bit) & 1) << (length - 1 - bit) }
            write(reversed, bits: length)
        }

        mutating func finish() -> [UInt8] {
            if count > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
            buffer = 0
            count = 0
            return bytes
        }
    }
}
