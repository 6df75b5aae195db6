/// One point of a DET curve: a threshold and the FMR and FNMR there.
public struct DETPoint: Sendable, Hashable, Codable {
    /// Threshold in the caller's units (±∞ at the ends).
    public let threshold: Double
    /// FMR at the threshold (inclusive; failures excluded).
    public let fmr: Double
    /// FNMR at the threshold (inclusive; failures excluded).
    public let fnmr: Double
}

/// A DET curve (FMR against FNMR over every threshold), decimated for plotting without losing its shape.
///
/// The full curve has one point per candidate threshold (−∞, every distinct score, +∞), in ascending order of
/// acceptance strictness: FMR falls from 1 to 0 and FNMR rises from 0 to 1, so the curve is a monotone staircase.
/// Decimation walks it once measuring path length on the normal-deviate axes (Φ⁻¹(FMR), Φ⁻¹(FNMR), rates clamped
/// to [1/(2N), 1 − 1/(2N)] so that 0 and 1 have a finite place), cuts it into equal-length runs of consecutive
/// points, and keeps the first and last point of each run. Because both coordinates are monotone along the curve,
/// the kept points are the extremes of every run: the bounding box of each run, hence each staircase corner at
/// plotting resolution, survives. When the curve has at most `maxPoints` points it is returned whole.
///
/// For a set built from a ``NonMatedTail`` only the exact points are returned: −∞ and the thresholds stricter than
/// ``ScoreSet/summarisedNonMatedBoundary``.
///
/// Plot the points on normal-deviate axes with ``NormalDistribution/quantile(_:)`` (bob.measure `ppndf`).
public struct DETCurve: Sendable, Hashable, Codable {
    /// Points in ascending threshold strictness (FMR non-increasing, FNMR non-decreasing).
    public let points: [DETPoint]
    /// Number of points of the undecimated curve.
    public let fullPointCount: Int
}

extension ScoreSet {
    /// The DET curve, decimated to at most `maxPoints` points (see ``DETCurve``).
    ///
    /// - Parameter maxPoints: upper bound on the points returned, at least 4.
    /// - Returns: the curve; with no mated or no non-mated scores, the rates of the missing set are reported as 0.
    /// - Throws: `.invalidParameter` when `maxPoints < 4`.
    /// - Complexity: O(M + N) time (two merge passes), O(maxPoints) memory.
    public func detCurve(maxPoints: Int = 1000) throws(MetricsError) -> DETCurve {
        guard maxPoints >= 4 else {
            throw MetricsError(.invalidParameter, "maxPoints \(maxPoints) is too small; pass at least 4")
        }
        let m = Double(mated.count)
        let n = Double(nonMatedCount)
        func point(_ sweepPoint: SweepPoint) -> DETPoint {
            DETPoint(
                threshold: unoriented(sweepPoint.value),
                fmr: n > 0 ? Double(sweepPoint.falseMatches) / n : 0,
                fnmr: m > 0 ? Double(sweepPoint.falseNonMatches) / m : 0)
        }
        var total = 0
        sweep { sweepPoint in
            if sweepPoint.isExact { total += 1 }
            return true
        }
        if total <= maxPoints {
            var points: [DETPoint] = []
            points.reserveCapacity(total)
            sweep { sweepPoint in
                if sweepPoint.isExact { points.append(point(sweepPoint)) }
                return true
            }
            return DETCurve(points: points, fullPointCount: total)
        }
        // Clamped normal deviates, from the counts.
        let floorM = 0.5 / Swift.max(m, 1)
        let floorN = 0.5 / Swift.max(n, 1)
        func deviates(_ sweepPoint: SweepPoint) -> (Double, Double) {
            let fmr = n > 0 ? Double(sweepPoint.falseMatches) / n : 0
            let fnmr = m > 0 ? Double(sweepPoint.falseNonMatches) / m : 0
            return (
                NormalDistribution.approximateQuantile(Swift.min(Swift.max(fmr, floorN), 1 - floorN)),
                NormalDistribution.approximateQuantile(Swift.min(Swift.max(fnmr, floorM), 1 - floorM))
            )
        }
        var length = 0.0
        var last: (Double, Double)?
        sweep { sweepPoint in
            guard sweepPoint.isExact else { return true }
            let here = deviates(sweepPoint)
            if let last { length += abs(here.0 - last.0) + abs(here.1 - last.1) }
            last = here
            return true
        }
        let groups = (maxPoints - 2) / 2
        var points: [DETPoint] = []
        points.reserveCapacity(maxPoints)
        var travelled = 0.0
        var previous: (point: SweepPoint, deviates: (Double, Double), group: Int, kept: Bool)?
        sweep { sweepPoint in
            guard sweepPoint.isExact else { return true }
            let here = deviates(sweepPoint)
            if let previous { travelled += abs(here.0 - previous.deviates.0) + abs(here.1 - previous.deviates.1) }
            let group = length > 0 ? Swift.min(groups - 1, Int(travelled / length * Double(groups))) : 0
            var kept = false
            if let previous {
                if group != previous.group {
                    if !previous.kept { points.append(point(previous.point)) }
                    points.append(point(sweepPoint))
                    kept = true
                }
            } else {
                points.append(point(sweepPoint))
                kept = true
            }
            previous = (sweepPoint, here, group, kept)
            return true
        }
        if let previous, !previous.kept { points.append(point(previous.point)) }
        return DETCurve(points: points, fullPointCount: total)
    }
}
