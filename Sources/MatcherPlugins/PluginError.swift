/// Why a matcher could not be named, loaded or started (before any call was made).
///
/// Faults *during* a run are ``PluginFault`` values instead.
public struct PluginError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A machine-readable category. New codes may be added; switch with a `default`.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The `--matcher` value does not follow the syntax (see ``MatcherSpec``).
        public static let invalidSpec = Code(rawValue: "invalidSpec")
        /// No built-in matcher has that name.
        public static let unknownBuiltIn = Code(rawValue: "unknownBuiltIn")
        /// `dlopen` failed, a symbol is missing or the API version differs.
        public static let libraryLoad = Code(rawValue: "libraryLoad")
        /// The plugin program or the `facecert-plugin-host` program could not be found or started.
        public static let spawn = Code(rawValue: "spawn")
        /// The plugin did not complete the handshake (wrong version, garbage, exit, timeout).
        public static let handshake = Code(rawValue: "handshake")
        /// The plugin's own initialisation failed (e.g. `facecert_matcher_create` returned an error).
        public static let initialisation = Code(rawValue: "initialisation")
    }

    public var code: Code
    /// What went wrong, where, and what to do.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "error \(code.rawValue): \(message)" }
}
