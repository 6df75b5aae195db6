/// Why an image could not be decoded, encoded or built.
///
/// A struct with an extensible nested ``Code`` (as swift-nio's `FileSystemError`), a human message that says what
/// went wrong, libpng's own text where libpng produced it, and the file the bytes came from when known.
public struct FaceImageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A machine-readable category. New codes may be added; switch with a `default`.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        /// A code from its name; prefer the static members.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's name, as `facecert image inspect` prints it.
        public var description: String { rawValue }

        /// The bytes do not start with the PNG signature (an empty file too).
        public static let notPNG = Code(rawValue: "notPNG")
        /// The data ends before the PNG stream does.
        public static let truncated = Code(rawValue: "truncated")
        /// libpng rejected the stream: bad CRC or Adler-32, bad chunk, bad header values, bad compressed data.
        public static let corrupt = Code(rawValue: "corrupt")
        /// A configured ``PNGDecodingLimits`` value was exceeded.
        public static let tooLarge = Code(rawValue: "tooLarge")
        /// The file could not be read (missing, a directory, no permission).
        public static let io = Code(rawValue: "io")
        /// Memory ran out while decoding or encoding.
        public static let outOfMemory = Code(rawValue: "outOfMemory")
        /// A caller passed inconsistent values (pixel count, sides).
        public static let invalidArgument = Code(rawValue: "invalidArgument")
    }

    /// The category.
    public var code: Code
    /// What went wrong, for a person; includes libpng's text when there is one.
    public var message: String
    /// The text libpng gave, verbatim, when libpng raised the error.
    public var libpngMessage: String?
    /// Warnings libpng raised before the error (for a tripped user limit, libpng's error says only
    /// "Invalid IHDR data" and the reason is here).
    public var warnings: [String]
    /// The file the bytes came from, when known.
    public var fileName: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: The category.
    ///   - message: What went wrong and, where it helps, what to do.
    ///   - libpngMessage: libpng's own text, verbatim.
    ///   - warnings: libpng's warnings before the error.
    ///   - fileName: The file the bytes came from.
    public init(
        _ code: Code, _ message: String, libpngMessage: String? = nil, warnings: [String] = [], fileName: String? = nil
    ) {
        self.code = code
        self.message = message
        self.libpngMessage = libpngMessage
        self.warnings = warnings
        self.fileName = fileName
    }

    /// `FILE: error CODE: MESSAGE`, or `error CODE: MESSAGE` without a file (the line `facecert image inspect`
    /// prints).
    public var description: String {
        var text = fileName.map { "\($0): " } ?? ""
        text += "error \(code.rawValue): \(message)"
        return text
    }
}
