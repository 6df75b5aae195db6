internal import CMatcherPluginsShims
import BiometricMetrics
import FaceImaging
import Foundation

/// A C-ABI plugin library (plugins/c/include/facecert_matcher.h) loaded into *this* process with `dlopen`.
///
/// Only for `lib-inprocess:PATH`, debugging and benchmarks: a crash in the library crashes facecert. The default
/// for `lib:PATH` is ``ProcessMatcher`` running `facecert-plugin-host`. Wrap it in ``InProcessMatcher`` for
/// checks and fault records (``MatcherFactory`` does). Thread-safe: a pool of up to `workers` library instances,
/// each used by one thread at a time, as the header promises plugins.
public final class SharedLibraryMatcher: FaceMatcher, @unchecked Sendable {
    public let identity: MatcherIdentity
    /// The library file.
    public let path: String
    private let library: OpaquePointer
    private let pool: WorkerPool<Slot>
    private let lock = NSLock()
    private var closed = false

    final class Slot {
        var instance: UnsafeMutableRawPointer?
    }

    /// Loads the library, checks its API version and every symbol, creates one instance and reads its description.
    ///
    /// - Throws: ``PluginError`` `.libraryLoad` naming the missing symbol, the version mismatch or dlopen's reason;
    ///   `.initialisation` when `facecert_matcher_create` or `describe` fails or describes nonsense.
    public init(path: String, workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws(PluginError) {
        self.path = path
        var message = [CChar](repeating: 0, count: 2048)
        guard let library = CMatcherPluginsShims_library_open(path, &message, message.count) else {
            throw PluginError(.libraryLoad, cText(message))
        }
        self.library = library
        self.pool = WorkerPool((0..<max(1, workers)).map { _ in Slot() })
        var status: Int32 = 0
        guard let first = CMatcherPluginsShims_instance_create(library, &status, &message, message.count) else {
            CMatcherPluginsShims_library_close(library)
            throw PluginError(
                .initialisation, "\(path): facecert_matcher_create failed with status \(status): \(cText(message))")
        }
        pool.all[0].instance = first
        var name: UnsafePointer<CChar>?
        var version: UnsafePointer<CChar>?
        var vendor: UnsafePointer<CChar>?
        var kind: Int32 = 0
        var hasThreshold: Int32 = 0
        var threshold = 0.0
        var symmetric: Int32 = 0
        let described = CMatcherPluginsShims_describe(
            library, first, &name, &version, &vendor, &kind, &hasThreshold, &threshold, &symmetric)
        guard described == 0, let name, let version, let vendor, kind == 0 || kind == 1 else {
            CMatcherPluginsShims_instance_destroy(library, first)
            CMatcherPluginsShims_library_close(library)
            throw PluginError(
                .initialisation,
                "\(path): facecert_matcher_describe failed (status \(described)) or gave no name/version/vendor or a "
                    + "score kind other than 0 or 1")
        }
        identity = MatcherIdentity(
            name: String(cString: name), version: String(cString: version), vendor: String(cString: vendor),
            scoreKind: kind == 0 ? .similarity : .distance, declaredThreshold: hasThreshold != 0 ? threshold : nil,
            symmetric: symmetric != 0)
    }

    deinit { close() }

    /// Waits for calls in flight, destroys every instance and unloads the library. Idempotent; calls after it
    /// throw `.crash`.
    public func close() {
        let first = lock.withLock {
            defer { closed = true }
            return !closed
        }
        guard first else { return }
        // Waits for calls in flight, so no instance is destroyed under a running call.
        pool.withAllWorkers { slots in
            for slot in slots {
                if let instance = slot.instance { CMatcherPluginsShims_instance_destroy(library, instance) }
                slot.instance = nil
            }
        }
        CMatcherPluginsShims_library_close(library)
    }

    private func withInstance<R>(_ body: (UnsafeMutableRawPointer) -> Result<R, MatcherError>) -> Result<R, MatcherError> {
        pool.withWorker { slot, _ in
            if lock.withLock({ closed }) { return .failure(MatcherError(.crash, "the library was unloaded")) }
            if slot.instance == nil {
                var status: Int32 = 0
                var message = [CChar](repeating: 0, count: 1024)
                slot.instance = CMatcherPluginsShims_instance_create(library, &status, &message, message.count)
                guard slot.instance != nil else {
                    return .failure(
                        MatcherError(.vendorError, "facecert_matcher_create failed: \(cText(message))"))
                }
            }
            guard let instance = slot.instance else { return .failure(MatcherError(.crash, "no instance")) }
            return body(instance)
        }
    }

    public func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        let format: Int32 = image.format == .gray8 ? 1 : 3
        return try withInstance { instance in
            var bytes: UnsafeMutablePointer<UInt8>?
            var length = 0
            var hasEyes: Int32 = 0
            var eyes = [Double](repeating: 0, count: 4)
            var hasQuality: Int32 = 0
            var quality = 0.0
            var message = [CChar](repeating: 0, count: 1024)
            let status = image.pixels.withUnsafeBufferPointer { pixels in
                CMatcherPluginsShims_create_template(
                    library, instance, UInt32(truncatingIfNeeded: image.width), UInt32(truncatingIfNeeded: image.height),
                    format, pixels.baseAddress, pixels.count, role == .enrolment ? 0 : 1, &bytes, &length, &hasEyes,
                    &eyes, &hasQuality, &quality, &message, message.count)
            }
            defer { if let bytes { CMatcherPluginsShims_free_template(library, instance, bytes) } }
            guard status == 0 else {
                let code = WireFormat.code(forStatus: UInt8(truncatingIfNeeded: status)) ?? .protocolViolation
                let text = cText(message)
                return .failure(MatcherError(code, code == .protocolViolation ? "unknown status \(status)" : text))
            }
            let template = Template(bytes: bytes.map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? [])
            let eyePositions =
                hasEyes != 0
                ? EyePositions(left: ImagePoint(x: eyes[0], y: eyes[1]), right: ImagePoint(x: eyes[2], y: eyes[3]))
                : nil
            return .success(CreatedTemplate(template: template, eyes: eyePositions, quality: hasQuality != 0 ? quality : nil))
        }.get()
    }

    public func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double {
        try compare([TemplatePair(verification: verification, enrolment: enrolment)])[0].get()
    }

    public func compare(_ pairs: [TemplatePair]) -> [Result<Double, MatcherError>] {
        let outcome: Result<[Result<Double, MatcherError>], MatcherError> = withInstance { instance in
            var message = [CChar](repeating: 0, count: 1024)
            return .success(
                pairs.map { pair in
                    var score = 0.0
                    let status = pair.verification.bytes.withUnsafeBufferPointer { v in
                        pair.enrolment.bytes.withUnsafeBufferPointer { e in
                            CMatcherPluginsShims_compare(
                                library, instance, v.baseAddress, v.count, e.baseAddress, e.count, &score, &message,
                                message.count)
                        }
                    }
                    if status == 0 { return .success(score) }
                    let code = WireFormat.code(forStatus: UInt8(truncatingIfNeeded: status)) ?? .protocolViolation
                    return .failure(MatcherError(code, cText(message)))
                })
        }
        switch outcome {
        case .success(let results): return results
        case .failure(let error): return Array(repeating: .failure(error), count: pairs.count)
        }
    }
}

/// The text of a NUL-terminated C buffer, invalid UTF-8 repaired.
func cText(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
