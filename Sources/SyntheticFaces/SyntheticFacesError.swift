import FaceImaging

/// Why the synthetic face generator could not do what was asked.
public struct SyntheticFacesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A machine-readable category. New codes may be added; switch with a `default`.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A parameter is out of range (subject count, images per subject, image size).
        public static let invalidArgument = Code(rawValue: "invalidArgument")
        /// A file or directory could not be written.
        public static let io = Code(rawValue: "io")
    }

    /// The category.
    public var code: Code
    /// What went wrong, where, and what to do.
    public var message: String
    /// The underlying image error, if any.
    public var cause: FaceImageError?

    public init(_ code: Code, _ message: String, cause: FaceImageError? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String { "error \(code.rawValue): \(message)" }
}
