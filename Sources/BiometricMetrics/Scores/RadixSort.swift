/// In-place sorting of finite doubles by an order-preserving integer key (MSD "American flag" radix sort).
///
/// No scratch buffer: memory stays at 8 bytes per score while sorting, which is what lets ``ScoreSet`` hold 10^7
/// scores in well under 16 bytes each.
enum RadixSort {
    /// Maps a finite double to a UInt64 whose unsigned order is the double's numeric order (−0 must be normalised
    /// to +0 first).
    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Inverse of ``key(_:)``.
    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }

    /// Sorts `values` ascending in place. Every element must be finite.
    ///
    /// - Complexity: O(n · 8) worst case, usually O(n · 3) for scores spread over a few binades; O(1) extra memory
    ///   besides a 2 KiB stack of bucket counts per recursion level.
    static func sort(_ values: inout [Double]) {
        values.withUnsafeMutableBufferPointer { buffer in
            guard buffer.count > 1 else { return }
            buffer.withMemoryRebound(to: UInt64.self) { keys in
                for index in keys.indices { keys[index] = key(Double(bitPattern: keys[index])) }
                sortKeys(keys, shift: 56)
                for index in keys.indices { keys[index] = value(keys[index]).bitPattern }
            }
        }
    }

    private static func sortKeys(_ keys: UnsafeMutableBufferPointer<UInt64>, shift: UInt64) {
        if keys.count <= 48 {
            insertionSort(keys)
            return
        }
        // counts[0..<256], starts[256..<513], next[513..<769], on the stack.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 769) { scratch in
            sortKeys(keys, shift: shift, scratch: scratch)
        }
    }

    private static func sortKeys(
        _ keys: UnsafeMutableBufferPointer<UInt64>, shift initialShift: UInt64, scratch: UnsafeMutableBufferPointer<Int>
    ) {
        let count = keys.count
        var shift = initialShift
        while true {
            for index in 0..<256 { scratch[index] = 0 }
            for key in keys { scratch[Int(truncatingIfNeeded: (key >> shift) & 0xFF)] += 1 }
            // All keys share this digit: go straight to the next one instead of permuting.
            var single = false
            for index in 0..<256 where scratch[index] == count {
                single = true
                break
            }
            guard single else { break }
            if shift == 0 { return }
            shift -= 8
        }
        scratch[256] = 0
        for digit in 0..<256 {
            scratch[257 + digit] = scratch[256 + digit] + scratch[digit]
            scratch[513 + digit] = scratch[256 + digit]
        }
        for digit in 0..<256 {
            let end = scratch[257 + digit]
            while scratch[513 + digit] < end {
                var key = keys[scratch[513 + digit]]
                var target = Int(truncatingIfNeeded: (key >> shift) & 0xFF)
                while target != digit {
                    let slot = scratch[513 + target]
                    scratch[513 + target] = slot + 1
                    swap(&key, &keys[slot])
                    target = Int(truncatingIfNeeded: (key >> shift) & 0xFF)
                }
                keys[scratch[513 + digit]] = key
                scratch[513 + digit] += 1
            }
        }
        guard shift > 0 else { return }
        for digit in 0..<256 {
            let lower = scratch[256 + digit]
            let upper = scratch[257 + digit]
            if upper - lower > 1 {
                sortKeys(UnsafeMutableBufferPointer(rebasing: keys[lower..<upper]), shift: shift - 8)
            }
        }
    }

    private static func insertionSort(_ keys: UnsafeMutableBufferPointer<UInt64>) {
        guard keys.count > 1 else { return }
        for index in 1..<keys.count {
            let key = keys[index]
            var position = index
            while position > 0, keys[position - 1] > key {
                keys[position] = keys[position - 1]
                position -= 1
            }
            keys[position] = key
        }
    }
}
