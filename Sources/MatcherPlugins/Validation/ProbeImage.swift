import BiometricMetrics
import FaceImaging

/// One image `facecert plugin validate` sends, and what it is for (NIST FRTE validation package style).
public struct ProbeImage: Sendable, Hashable {
    /// What the probe exercises.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A normal face: must give a template.
        case face
        /// One gray level everywhere: may be refused, must not fault.
        case blank
        /// Seeded uniform noise: may be refused, must not fault.
        case noise
        /// 4 × 4 pixels: may be refused, must not fault.
        case tiny
        /// A face turned 90° clockwise: may be refused, must not fault.
        case rotatedFace
        /// A face enlarged to 2,048 pixels on its long side: must not fault or exceed the time limit.
        case largeFace
    }

    /// A label for tables, e.g. "face 3" or "noise".
    public var name: String
    public var kind: Kind
    public var image: FaceImage

    public init(name: String, kind: Kind, image: FaceImage) {
        self.name = name
        self.kind = kind
        self.image = image
    }

    /// The probe set: the faces, then blank, noise, tiny, rotated and large images derived from the first face.
    ///
    /// - Parameters:
    ///   - faces: Normal face images (the first one seeds the derived probes).
    ///   - seed: Seed of the noise image.
    /// - Returns: Probes in a fixed order; only the faces when `faces` is empty.
    public static func standardSet(faces: [FaceImage], seed: UInt64 = 0x5EED_FACE) -> [ProbeImage] {
        var probes = faces.enumerated().map { ProbeImage(name: "face \($0.offset + 1)", kind: .face, image: $0.element) }
        guard let first = faces.first else { return probes }
        let (w, h, format) = (first.width, first.height, first.format)
        let count = w * h * format.channels
        var generator = SeededGenerator(seed: seed)
        let derived: [(String, Kind, FaceImage?)] = [
            ("blank", .blank, try? FaceImage(width: w, height: h, format: format, pixels: [UInt8](repeating: 128, count: count))),
            ("noise", .noise, try? FaceImage(width: w, height: h, format: format, pixels: (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) })),
            ("tiny 4x4", .tiny, try? FaceImage(width: 4, height: 4, format: .gray8, pixels: [UInt8](repeating: 90, count: 16))),
            ("rotated face", .rotatedFace, rotatedClockwise(first)),
            ("large face", .largeFace, enlarged(first, longSide: 2048)),
        ]
        for (name, kind, image) in derived {
            if let image { probes.append(ProbeImage(name: name, kind: kind, image: image)) }
        }
        return probes
    }

    static func rotatedClockwise(_ image: FaceImage) -> FaceImage? {
        let (w, h, c) = (image.width, image.height, image.format.channels)
        var pixels = [UInt8](repeating: 0, count: image.pixels.count)
        for y in 0..<h {
            for x in 0..<w {
                // (x, y) → (h − 1 − y, x) in an h-wide image.
                let target = (x * h + (h - 1 - y)) * c
                let source = (y * w + x) * c
                for k in 0..<c { pixels[target + k] = image.pixels[source + k] }
            }
        }
        return try? FaceImage(width: h, height: w, format: image.format, pixels: pixels)
    }

    static func enlarged(_ image: FaceImage, longSide: Int) -> FaceImage? {
        let scale = Double(longSide) / Double(max(image.width, image.height))
        let (w, h, c) = (max(1, Int(Double(image.width) * scale)), max(1, Int(Double(image.height) * scale)), image.format.channels)
        var pixels = [UInt8](repeating: 0, count: w * h * c)
        for y in 0..<h {
            let sy = min(image.height - 1, y * image.height / h)
            for x in 0..<w {
                let sx = min(image.width - 1, x * image.width / w)
                for k in 0..<c { pixels[(y * w + x) * c + k] = image.pixels[(sy * image.width + sx) * c + k] }
            }
        }
        return try? FaceImage(width: w, height: h, format: image.format, pixels: pixels)
    }
}

