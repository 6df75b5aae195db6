import ArgumentParser
import FaceImaging
import SyntheticFaces

/// `facecert vectors synth`: writes a seeded synthetic face suite's images and tables.
struct VectorsSynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate deterministic synthetic face images with eye positions and attributes.",
        discussion: """
            Writes DIR/SUBJECT/NN.png (gray unless --format rgb), DIR/_unlabelled/*.png (images a matcher should refuse: blank, dark, \
            noise, undersized), DIR/subjects.csv (subject,sex,age_band,skin_tone,hair_style), DIR/eyes.csv \
            (image,left_eye_x,left_eye_y,right_eye_x,right_eye_y; "left" is on the image's left) and \
            DIR/images.csv (image,role,expected). The same seed gives byte-identical files on every machine.
            """)

    @Option(help: "Seed of the generator (any unsigned 64-bit integer).")
    var seed: UInt64

    @Option(help: "Number of subjects (1…999).")
    var subjects = 30

    @Option(name: .customLong("images-per-subject"), help: "Images per subject (2…99).")
    var imagesPerSubject = 4

    @Option(help: "Image width in pixels (64…1024).")
    var width = 160

    @Option(help: "Image height in pixels (64…1024).")
    var height = 192

    @Option(help: "Pixel format: gray (default, small files) or rgb.")
    var format: FaceImage.PixelFormat = .gray8

    @Option(help: "Output directory (created if missing; existing files of the same names are replaced).")
    var out: String

    func run() throws {
        do {
            let generator = try SyntheticFaceGenerator(seed: seed, width: width, height: height, format: format)
            try generator.write(to: out, subjects: subjects, imagesPerSubject: imagesPerSubject)
            print(
                "wrote \(subjects) subjects × \(imagesPerSubject) images and \(generator.refuseImages().count) "
                    + "refusal images to \(out) (seed \(seed))")
        } catch {
            throw ValidationError(error.message)
        }
    }
}
