import FaceImaging
import Foundation

/// A deterministic, seeded generator of synthetic face images with known eye positions, for test vectors that
/// can be redistributed without anyone's likeness.
///
/// A subject is a set of identity parameters (head shape, skin tone, eyes, brows, nose, mouth, hair, marks) drawn
/// from a stream that depends only on the seed and the subject number; each image adds variation (expression,
/// lighting, small roll/yaw/pitch, scale and position, background, clothing, sensor noise) from a stream that
/// depends only on the seed, subject and image number. So subject 7 of seed 1 is the same face whether 10 or 30
/// subjects are generated.
///
/// ## Determinism
/// Rendering uses integer arithmetic and IEEE-754 basic operations (+, −, ×, ÷, √, exactly rounded on every
/// conforming machine), never libm's transcendental functions (whose last bit may differ between library
/// versions): the one rotation uses Taylor polynomials (``ExactMath``). PNG files are written by an encoder in
/// pure Swift (no zlib), so the files, not only the pixels, are byte-identical across runs and machines.
public struct SyntheticFaceGenerator: Sendable {
    /// The seed.
    public let seed: UInt64
    /// Image width in pixels.
    public let width: Int
    /// Image height in pixels.
    public let height: Int
    /// Pixel format of the images: gray (the default: a third of the PNG size of RGB, so the committed suite stays
    /// small) or RGB. Gray is BT.601 luma of the RGB rendering (``FaceImage/converted(to:)``).
    public let format: FaceImage.PixelFormat

    /// A generator.
    ///
    /// - Parameters:
    ///   - seed: Any 64-bit value.
    ///   - width: Image width, 64…1024 (default 160). Faces are laid out for 160 × 192 and scale with the width.
    ///   - height: Image height, 64…1024 (default 192).
    ///   - format: `.gray8` (default) or `.rgb8`.
    /// - Throws: ``SyntheticFacesError`` `invalidArgument` for sizes out of range.
    public init(seed: UInt64, width: Int = 160, height: Int = 192, format: FaceImage.PixelFormat = .gray8)
        throws(SyntheticFacesError)
    {
        guard (64...1024).contains(width), (64...1024).contains(height) else {
            throw SyntheticFacesError(
                .invalidArgument, "image size \(width)x\(height) is outside 64…1024 pixels a side")
        }
        self.seed = seed
        self.width = width
        self.height = height
        self.format = format
    }

    /// Subject `number` (0-based).
    public func subject(_ number: Int) -> SyntheticSubject { SyntheticSubject(seed: seed, number: number) }

    /// One rendered face and where its eyes are.
    public struct Face: Sendable, Hashable {
        /// The image, in the generator's ``SyntheticFaceGenerator/format``.
        public var image: FaceImage
        /// Eye centres in image pixel coordinates ("left" on the image's left).
        public var eyes: EyePositions
    }

    /// Renders image `index` (0-based) of subject `subject` (0-based).
    ///
    /// - Complexity: O(width × height).
    public func face(subject: Int, index: Int) -> Face {
        let renderer = renderer(subject: subject, index: index)
        let image: FaceImage
        do {
            image = try renderer.render(width: width, height: height).converted(to: format)
        } catch {
            // Unreachable: init checked the sides.
            preconditionFailure("rendering a checked \(width)x\(height) image failed: \(error)")
        }
        return Face(image: image, eyes: renderer.eyes())
    }

    private func renderer(subject: Int, index: Int) -> FaceRenderer {
        var variation = ImageVariation(seed: seed, subject: subject, index: index)
        // Lay out for 160 × 192, scale with the width, keep the eye row at 86/192 of the height.
        let k = Double(width) / 160
        variation.scale *= k
        variation.centreX = variation.centreX * k
        variation.centreY = variation.centreY / 192 * Double(height)
        return FaceRenderer(subject: self.subject(subject), variation: variation)
    }

    /// A refusal case: an image a matcher is expected to refuse.
    public struct RefuseImage: Sendable, Hashable {
        /// File name under `_unlabelled/`.
        public var name: String
        /// The role the suite gives it.
        public var role: String
        /// The image.
        public var image: FaceImage
    }

    /// The refusal cases, in the generator's format: a blank mid-gray frame, a near-black frame with faint sensor
    /// noise (levels 12–13), full-frame uniform noise (4 levels over 0…255, independent per pixel), and a face thumbnail too small to use (20 × 24 px at the default size, a box-filtered reduction of a rendered face).
    public func refuseImages() -> [RefuseImage] {
        var random = SeededRandom(seed: seed, stream: 3)
        let count = width * height
        let blank = [UInt8](repeating: 128, count: count * 3)
        var dark = [UInt8](repeating: 0, count: count * 3)
        for i in 0..<count {
            let level = UInt8(12 + random.index(2))
            dark[3 * i] = level
            dark[3 * i + 1] = level
            dark[3 * i + 2] = level
        }
        var noise = [UInt8](repeating: 0, count: count * 3)
        for i in 0..<count {
            // 4 levels spread over 0…255: full-range noise that compresses to a quarter byte a pixel.
            let level = UInt8(85 * random.index(4))
            noise[3 * i] = level
            noise[3 * i + 1] = level
            noise[3 * i + 2] = level
        }
        let source = face(subject: 0, index: 0).image.converted(to: .rgb8)
        let factor = max(1, width / 20)
        let smallWidth = width / factor, smallHeight = height / factor
        var small = [UInt8](repeating: 0, count: smallWidth * smallHeight * 3)
        for y in 0..<smallHeight {
            for x in 0..<smallWidth {
                for c in 0..<3 {
                    var sum = 0
                    for dy in 0..<factor {
                        for dx in 0..<factor { sum += Int(source.pixels[3 * ((y * factor + dy) * width + x * factor + dx) + c]) }
                    }
                    small[3 * (y * smallWidth + x) + c] = UInt8((sum + factor * factor / 2) / (factor * factor))
                }
            }
        }
        func image(_ w: Int, _ h: Int, _ pixels: [UInt8]) -> FaceImage {
            do {
                return try FaceImage(width: w, height: h, format: .rgb8, pixels: pixels).converted(to: format)
            } catch {
                preconditionFailure("a \(w)x\(h) refusal image has the wrong size: \(error)")
            }
        }
        return [
            RefuseImage(name: "blank.png", role: "enrolment", image: image(width, height, blank)),
            RefuseImage(name: "dark.png", role: "verification", image: image(width, height, dark)),
            RefuseImage(name: "noise.png", role: "verification", image: image(width, height, noise)),
            RefuseImage(name: "undersized.png", role: "enrolment", image: image(smallWidth, smallHeight, small)),
        ]
    }

    /// Encodes an image as PNG with the deterministic encoder (byte-identical everywhere).
    public static func pngData(_ image: FaceImage) -> [UInt8] { DeterministicPNG.encode(image) }

    /// Writes a suite's images and tables into `directory` (created if missing).
    ///
    /// Layout (the contract with `facecert vectors build`):
    /// - `SUBJECT/NN.png` for each subject (`s001`…) and image (`01`…), RGB;
    /// - `_unlabelled/*.png`: the ``refuseImages()``;
    /// - `subjects.csv`: `subject,sex,age_band,skin_tone,hair_style`;
    /// - `eyes.csv`: `image,left_eye_x,left_eye_y,right_eye_x,right_eye_y` (paths relative to `directory`, pixel
    ///   coordinates with two decimals, origin at the top-left image corner, "left" on the image's left);
    /// - `images.csv`: `image,role,expected`: each subject's first image is `enrolment`, the others
    ///   `verification`, all `expected` `enrol`; refusal images `expected` `refuse`.
    ///
    /// Rows are in subject then image order; files end with a newline.
    ///
    /// - Parameters:
    ///   - directory: Output directory.
    ///   - subjects: Number of subjects, 1…999.
    ///   - imagesPerSubject: Images per subject, 2…99.
    /// - Throws: ``SyntheticFacesError`` `invalidArgument` or `io` (naming the path).
    public func write(to directory: String, subjects: Int, imagesPerSubject: Int) throws(SyntheticFacesError) {
        guard (1...999).contains(subjects) else {
            throw SyntheticFacesError(.invalidArgument, "--subjects \(subjects) is outside 1…999")
        }
        guard (2...99).contains(imagesPerSubject) else {
            throw SyntheticFacesError(.invalidArgument, "--images-per-subject \(imagesPerSubject) is outside 2…99")
        }
        var subjectRows = ["subject,sex,age_band,skin_tone,hair_style"]
        var eyeRows = ["image,left_eye_x,left_eye_y,right_eye_x,right_eye_y"]
        var imageRows = ["image,role,expected"]
        for number in 0..<subjects {
            let subject = self.subject(number)
            subjectRows.append(
                "\(subject.id),\(subject.sex.rawValue),\(subject.ageBand),\(subject.skinTone),\(subject.hairStyle.rawValue)")
            try makeDirectory(directory + "/" + subject.id)
            for index in 0..<imagesPerSubject {
                let face = self.face(subject: number, index: index)
                let name = subject.id + "/" + (index < 9 ? "0" : "") + "\(index + 1).png"
                try writeFile(directory + "/" + name, Self.pngData(face.image))
                let e = face.eyes
                eyeRows.append(
                    [name, Self.fixed(e.left.x), Self.fixed(e.left.y), Self.fixed(e.right.x), Self.fixed(e.right.y)]
                        .joined(separator: ","))
                imageRows.append("\(name),\(index == 0 ? "enrolment" : "verification"),enrol")
            }
        }
        try makeDirectory(directory + "/_unlabelled")
        for refuse in refuseImages() {
            let name = "_unlabelled/" + refuse.name
            try writeFile(directory + "/" + name, Self.pngData(refuse.image))
            imageRows.append("\(name),\(refuse.role),refuse")
        }
        try writeFile(directory + "/subjects.csv", Array((subjectRows.joined(separator: "\n") + "\n").utf8))
        try writeFile(directory + "/eyes.csv", Array((eyeRows.joined(separator: "\n") + "\n").utf8))
        try writeFile(directory + "/images.csv", Array((imageRows.joined(separator: "\n") + "\n").utf8))
    }

    /// Formats with exactly two decimals by integer arithmetic (no locale, no printf).
    static func fixed(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    private func makeDirectory(_ path: String) throws(SyntheticFacesError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw SyntheticFacesError(
                .io, "cannot create directory \(path): \(error.localizedDescription); check the --out path")
        }
    }

    private func writeFile(_ path: String, _ bytes: [UInt8]) throws(SyntheticFacesError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SyntheticFacesError(.io, "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
