import BiometricMetrics
import FaceImaging
import MatcherPlugins

/// The baseline matcher: local binary pattern histograms (Ahonen, Hadid, Pietikäinen, "Face Description with
/// Local Binary Patterns: Application to Face Recognition", IEEE TPAMI 28(12), 2006).
///
/// ## Algorithm
/// 1. Screen the input by ``InputScreening`` (refuse too-small, blank and structureless images).
/// 2. Normalise geometry to a fixed gray crop by ``FaceCrop``: aligned on the eyes when the caller gives them
///    (``createTemplate(from:role:eyes:)``), otherwise the centred crop.
/// 3. Smooth ``Configuration/smoothingPasses`` times with the separable [1 2 1]/4 kernel (suppresses pixel noise that flips LBP bits).
/// 4. Label every pixel with its uniform LBP(8, R) code (59 labels, ``LocalBinaryPatterns``).
/// 5. Split the label image into a grid of regions and histogram each; divide each histogram by its region's
///    pixel count, optionally take square roots (``Configuration/Normalisation/squareRoot``, the Hellinger
///    embedding), and multiply region j by its weight w_j.
/// 6. Compare two templates by the chi-square distance χ²(S, M) = Σ_{i,j} (S_{i,j} − M_{i,j})² / (S_{i,j} + M_{i,j})
///    (terms with a zero denominator count 0). Chi-square is 1-homogeneous, so scaling region j by w_j at
///    step 5 gives exactly Ahonen's weighted χ²_w = Σ w_j (S − M)² / (S + M), and compare stays a plain sum.
///
/// Scores are distances (smaller = more alike, ≥ 0, finite). The matcher is symmetric bit for bit
/// (`compare(a, b) == compare(b, a)`), deterministic (templates depend only on pixels and configuration; only
/// IEEE-754 basic operations and square roots are used), and ignores the template role.
///
/// ## Measured quality
/// On ORL (all 1,800 mated and 78,000 non-mated unordered pairs, centred crop; ORL has no eye positions) the
/// default configuration's equal error rate is asserted ≤ 18.8 %, OpenCV's LBPH on the same pairs, by
/// `ReferenceMatchersTests`. See the module documentation for the figures.
public struct LBPHMatcher: EyeAnnotatedFaceMatcher {
    /// How templates are made. Templates from different configurations cannot be compared.
    public struct Configuration: Sendable, Hashable, Codable {
        /// What to do with each region's normalised histogram before weighting.
        public enum Normalisation: String, Sendable, Hashable, Codable, CaseIterable {
            /// Relative frequencies (counts / region pixel count): Ahonen's χ² on histograms.
            case frequency
            /// Square roots of the relative frequencies (Hellinger embedding): damps the dominant bins.
            case squareRoot
        }

        /// Crop geometry.
        public var crop: FaceCrop
        /// LBP radius R in pixels (1…4); 8 neighbours.
        public var radius: Int
        /// Regions across.
        public var gridColumns: Int
        /// Regions down.
        public var gridRows: Int
        /// How many times to smooth the crop with [1 2 1]/4 in x and y before labelling (0 = never); n passes
        /// approximate a Gaussian of σ = √(n/2) px.
        public var smoothingPasses: Int
        /// Histogram normalisation.
        public var normalisation: Normalisation
        /// One non-negative weight per region, row-major (`gridRows × gridColumns`), or `nil` for all 1.
        /// Regions of weight 0 are left out of the template.
        public var regionWeights: [Float]?

        /// A configuration.
        public init(
            crop: FaceCrop = .standard, radius: Int = 1, gridColumns: Int = 7, gridRows: Int = 8,
            smoothingPasses: Int = 1, normalisation: Normalisation = .squareRoot, regionWeights: [Float]? = nil
        ) {
            self.crop = crop
            self.radius = radius
            self.gridColumns = gridColumns
            self.gridRows = gridRows
            self.smoothingPasses = smoothingPasses
            self.normalisation = normalisation
            self.regionWeights = regionWeights
        }

        /// The configuration measured on ORL (see the module documentation).
        public static let `default` = Configuration()

        /// Ahonen et al.'s 7 × 7 region weights (2006, Fig. 5): eyes 4, brows and mouth corners 2, cheeks 0.
        public static let ahonenWeights7x7: [Float] = [
            2, 1, 1, 1, 1, 1, 2,
            2, 4, 4, 1, 4, 4, 2,
            1, 1, 1, 0, 1, 1, 1,
            0, 1, 1, 0, 1, 1, 0,
            0, 1, 1, 1, 1, 1, 0,
            0, 1, 1, 2, 1, 1, 0,
            0, 1, 1, 1, 1, 1, 0,
        ]

        /// A stable 32-bit fingerprint (FNV-1a) of every field, stored in templates.
        var fingerprint: UInt32 {
            var text = "crop=\(crop.width)x\(crop.height);eyes=\(crop.leftEye.x),\(crop.leftEye.y),"
            text += "\(crop.rightEye.x),\(crop.rightEye.y);r=\(radius);grid=\(gridColumns)x\(gridRows);"
            text += "smooth=\(smoothingPasses);norm=\(normalisation.rawValue);w="
            text += regionWeights.map { $0.map { "\($0.bitPattern)" }.joined(separator: ",") } ?? "1"
            var hash: UInt32 = 2_166_136_261
            for byte in text.utf8 {
                hash = (hash ^ UInt32(byte)) &* 16_777_619
            }
            return hash
        }

        /// Checks the values.
        func validate() throws(MatcherError) {
            func fail(_ message: String) -> MatcherError {
                MatcherError(.vendorError, "invalid LBPH configuration: \(message)")
            }
            guard (1...4).contains(radius) else { throw fail("radius \(radius) is outside 1…4") }
            guard (0...8).contains(smoothingPasses) else { throw fail("\(smoothingPasses) smoothing passes; 0…8") }
            guard crop.width >= 2 * radius + 8, crop.height >= 2 * radius + 8, crop.width <= 1024,
                crop.height <= 1024
            else { throw fail("crop \(crop.width)x\(crop.height) is outside \(2 * radius + 8)…1024 px a side") }
            guard gridColumns >= 1, gridRows >= 1, gridColumns <= crop.width - 2 * radius,
                gridRows <= crop.height - 2 * radius
            else { throw fail("grid \(gridColumns)x\(gridRows) does not fit the crop") }
            guard crop.leftEye.x < crop.rightEye.x else { throw fail("crop left eye must be left of the right eye") }
            if let weights = regionWeights {
                guard weights.count == gridColumns * gridRows else {
                    throw fail("\(weights.count) region weights for a \(gridColumns)x\(gridRows) grid")
                }
                guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.contains(where: { $0 > 0 }) else {
                    throw fail("region weights must be finite, non-negative and not all 0")
                }
            }
        }
    }

    /// The configuration in use.
    public let configuration: Configuration
    /// The refusal rule in use.
    public let screening: InputScreening
    private let fingerprint: UInt32

    /// Makes a matcher.
    ///
    /// - Parameters:
    ///   - configuration: How templates are made; ``Configuration/default`` unless tuning.
    ///   - screening: When to refuse an image; ``InputScreening/default`` unless tuning.
    /// - Throws: ``MatcherError`` with code ``MatcherError/Code/vendorError`` when the configuration is invalid.
    public init(configuration: Configuration = .default, screening: InputScreening = .default) throws(MatcherError) {
        try configuration.validate()
        self.configuration = configuration
        self.screening = screening
        self.fingerprint = configuration.fingerprint
    }

    /// `lbph`, by facecert; distance scores, symmetric, no declared threshold.
    public var identity: MatcherIdentity {
        MatcherIdentity(name: "lbph", version: "1.0.0", vendor: "facecert", scoreKind: .distance, symmetric: true)
    }

    /// Creates a template from the centred crop (the protocol requirement: no eye positions).
    ///
    /// - Parameters:
    ///   - image: Gray or RGB pixels; RGB is reduced to BT.601 luma.
    ///   - role: Ignored: enrolment and verification templates are made alike.
    /// - Returns: The template; no eyes or quality are reported.
    /// - Throws: ``MatcherError`` ``MatcherError/Code/refuseInput`` by ``InputScreening``.
    /// - Complexity: O(image pixels + crop pixels).
    public func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        try createTemplate(from: image, role: role, eyes: nil)
    }

    /// Creates a template, aligned on eye positions when they are given.
    ///
    /// The harness may pass the suite's eye positions (ISO/IEC 39794-5 image coordinates, "left" on the image's
    /// left); with `nil` this is ``createTemplate(from:role:)``.
    ///
    /// - Parameters:
    ///   - image: Gray or RGB pixels.
    ///   - role: Ignored.
    ///   - eyes: Eye centres in `image`, or `nil` for the centred crop.
    /// - Returns: The template; no eyes or quality are reported.
    /// - Throws: ``MatcherError`` ``MatcherError/Code/refuseInput`` by ``InputScreening`` (including bad eyes).
    /// - Complexity: O(image pixels + crop pixels).
    public func createTemplate(from image: FaceImage, role: TemplateRole, eyes: EyePositions?) throws(MatcherError)
        -> CreatedTemplate
    {
        let gray = image.grayPixels
        try screening.check(gray: gray, width: image.width, height: image.height, eyes: eyes)
        let values = features(gray: gray, width: image.width, height: image.height, eyes: eyes)
        return CreatedTemplate(template: LBPHTemplate.encode(values, fingerprint: fingerprint))
    }

    /// The feature vector of an accepted image (steps 2–5).
    func features(gray: [UInt8], width: Int, height: Int, eyes: EyePositions?) -> [Float] {
        let crop = configuration.crop
        var plane = crop.sample(gray: gray, width: width, height: height, eyes: eyes)
        for _ in 0..<configuration.smoothingPasses { plane = Self.smooth(plane, width: crop.width, height: crop.height) }
        let labelled = LocalBinaryPatterns.labels(
            plane, width: crop.width, height: crop.height, radius: configuration.radius)
        let columns = configuration.gridColumns, rows = configuration.gridRows
        let bins = LocalBinaryPatterns.labelCount
        var counts = [Int](repeating: 0, count: columns * rows * bins)
        var regionPixels = [Int](repeating: 0, count: columns * rows)
        for y in 0..<labelled.height {
            let row = y * rows / labelled.height
            for x in 0..<labelled.width {
                let region = row * columns + x * columns / labelled.width
                counts[region * bins + Int(labelled.labels[y * labelled.width + x])] += 1
                regionPixels[region] += 1
            }
        }
        var values = [Float]()
        values.reserveCapacity(counts.count)
        for region in 0..<(columns * rows) {
            let weight = configuration.regionWeights?[region] ?? 1
            guard weight > 0 else { continue }
            let total = Float(regionPixels[region])
            for bin in 0..<bins {
                let frequency = Float(counts[region * bins + bin]) / total
                let value = configuration.normalisation == .squareRoot ? frequency.squareRoot() : frequency
                values.append(value * weight)
            }
        }
        return values
    }

    /// Separable [1 2 1]/4 smoothing with edge replication.
    static func smooth(_ plane: [Float], width: Int, height: Int) -> [Float] {
        var horizontal = plane
        for y in 0..<height {
            let row = y * width
            for x in 0..<width {
                let left = plane[row + max(x - 1, 0)], right = plane[row + min(x + 1, width - 1)]
                horizontal[row + x] = (left + 2 * plane[row + x] + right) * 0.25
            }
        }
        var out = horizontal
        for y in 0..<height {
            let up = max(y - 1, 0) * width, down = min(y + 1, height - 1) * width, row = y * width
            for x in 0..<width {
                out[row + x] = (horizontal[up + x] + 2 * horizontal[row + x] + horizontal[down + x]) * 0.25
            }
        }
        return out
    }

    /// The chi-square distance between two templates of this configuration.
    ///
    /// - Returns: χ² ≥ 0; 0 for identical templates.
    /// - Throws: ``MatcherError`` ``MatcherError/Code/templateFormatError`` when a template is not an LBPH
    ///   template of this configuration.
    /// - Complexity: O(template length).
    public func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double {
        try LBPHTemplate.chiSquare(verification.bytes, enrolment.bytes, fingerprint: fingerprint)
    }
}
