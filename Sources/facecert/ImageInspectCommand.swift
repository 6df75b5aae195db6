import ArgumentParser
import Crypto
import FaceImaging
import Foundation

/// `facecert image inspect FILE...`: decodes each file with ``FaceImage`` and prints one line per file, in order.
struct ImageInspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Decode PNG files and print one line per file.",
        discussion: """
            Prints `FILE: WIDTHxHEIGHT gray|rgb` or `FILE: error CODE: MESSAGE`. Exit status 0 when every \
            file decoded, 65 when any failed.
            """)

    @Argument(help: "PNG files to decode.")
    var files: [String]

    @Option(name: .customLong("as"), help: "Convert to this format: rgb or gray.")
    var format: FaceImage.PixelFormat?

    @Flag(name: .customLong("pixels-sha256"), help: "Append the SHA-256 of the decoded pixel buffer (hex).")
    var pixelsSHA256 = false

    @Flag(help: "Print JSON lines instead of text.")
    var json = false

    func run() async throws {
        var failed = false
        for file in files {
            switch Result(catching: { () throws(FaceImageError) in try FaceImage(contentsOfFile: file, as: format) }) {
            case .success(let image):
                let digest =
                    pixelsSHA256 ? SHA256.hash(data: image.pixels).map { String(format: "%02x", $0) }.joined() : nil
                if json {
                    var object: [String: Any] = [
                        "file": file, "width": image.width, "height": image.height, "format": image.format.rawValue,
                    ]
                    if let digest { object["pixelsSHA256"] = digest }
                    print(try jsonLine(object))
                } else {
                    print(
                        "\(file): \(image.width)x\(image.height) \(image.format.rawValue)"
                            + (digest.map { " \($0)" } ?? ""))
                }
            case .failure(let error):
                failed = true
                if json {
                    var object: [String: Any] = ["file": file, "error": error.code.rawValue, "message": error.message]
                    if !error.warnings.isEmpty { object["warnings"] = error.warnings }
                    print(try jsonLine(object))
                } else {
                    print("\(file): error \(error.code.rawValue): \(error.message)")
                }
            }
        }
        if failed { throw ExitCode(65) }
    }

    private func jsonLine(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

extension FaceImage.PixelFormat: ExpressibleByArgument {}
