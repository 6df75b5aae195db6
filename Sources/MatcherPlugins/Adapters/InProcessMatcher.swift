import BiometricMetrics
import FaceImaging
import Foundation

/// The in-process adapter: wraps any ``FaceMatcher`` with the same checks and fault records as the process
/// adapters, so the runner treats a built-in, an in-process library and a child process alike.
///
/// Checks each result: templates no larger than ``PluginLimits/maxTemplateBytes``, finite eye positions, quality
/// in 0...100, finite scores, no negative distance (else `.protocolViolation`), and each call's duration against
/// its limit (else `.timeout`: an in-process call cannot be interrupted, so it is recorded when it returns and its
/// result discarded). Thread-safe when the wrapped matcher is, as ``FaceMatcher`` requires.
///
/// Forwards annotated eye positions (``EyeAnnotatedFaceMatcher``) when the wrapped matcher uses them;
/// ``acceptsEyePositions`` says whether it does.
public final class InProcessMatcher: HostedMatcher, EyeAnnotatedFaceMatcher, @unchecked Sendable {
    public let identity: MatcherIdentity
    public var faults: [PluginFault] { log.faults }
    public var stderrLogPath: String? { nil }
    /// The matcher being checked.
    public let wrapped: any FaceMatcher
    private let limits: PluginLimits
    private let log = FaultLog()
    private let onClose: @Sendable () -> Void
    private let closeLock = NSLock()
    private var closed = false

    /// Wraps a matcher and checks its identity.
    ///
    /// - Parameters:
    ///   - matcher: Any conforming matcher.
    ///   - limits: Time and size limits.
    ///   - onClose: Run once by ``close()``, e.g. to unload a library.
    /// - Throws: ``PluginError`` `.initialisation` when the identity has an empty name, version or vendor, or a
    ///   declared threshold that is not finite.
    public init(
        _ matcher: any FaceMatcher, limits: PluginLimits = .default, onClose: @escaping @Sendable () -> Void = {}
    ) throws(PluginError) {
        let identity = matcher.identity
        guard !identity.name.isEmpty, !identity.version.isEmpty, !identity.vendor.isEmpty else {
            throw PluginError(.initialisation, "the matcher's name, version and vendor must not be empty: \(identity)")
        }
        if let threshold = identity.declaredThreshold, !threshold.isFinite {
            throw PluginError(.initialisation, "the declared threshold must be finite, got \(threshold)")
        }
        self.identity = identity
        self.wrapped = matcher
        self.limits = limits
        self.onClose = onClose
    }

    deinit { close() }

    public func close() {
        let first = closeLock.withLock {
            defer { closed = true }
            return !closed
        }
        if first { onClose() }
    }

    private var isClosed: Bool { closeLock.withLock { closed } }

    /// Whether the wrapped matcher uses annotated eye positions (it is an ``EyeAnnotatedFaceMatcher`` that
    /// accepts them).
    public var acceptsEyePositions: Bool { wrapped.eyeAnnotated != nil }

    public func createTemplate(from image: FaceImage, role: TemplateRole) throws(MatcherError) -> CreatedTemplate {
        try checkedTemplate { () throws(MatcherError) in try wrapped.createTemplate(from: image, role: role) }
    }

    /// Creates a template through the wrapped matcher, with the same checks as
    /// ``createTemplate(from:role:)``.
    ///
    /// - Parameters:
    ///   - image: 8-bit gray or RGB pixels.
    ///   - role: The template's role.
    ///   - eyes: Annotated eye positions (or nil), passed on when the wrapped matcher accepts them; otherwise the
    ///     wrapped matcher's ``FaceMatcher/createTemplate(from:role:)`` is called.
    /// - Returns: The wrapped matcher's template.
    /// - Throws: The wrapped matcher's ``MatcherError``, or `.timeout` / `.protocolViolation` from the checks.
    public func createTemplate(from image: FaceImage, role: TemplateRole, eyes: EyePositions?) throws(MatcherError)
        -> CreatedTemplate
    {
        let annotated = wrapped.eyeAnnotated
        return try checkedTemplate { () throws(MatcherError) in
            if let annotated {
                try annotated.createTemplate(from: image, role: role, eyes: eyes)
            } else {
                try wrapped.createTemplate(from: image, role: role)
            }
        }
    }

    /// Runs one template call of the wrapped matcher and checks its time and result.
    private func checkedTemplate(_ call: () throws(MatcherError) -> CreatedTemplate) throws(MatcherError)
        -> CreatedTemplate
    {
        let index = log.nextTemplateIndex()
        guard !isClosed else { throw MatcherError(.crash, "the adapter is closed") }
        let start = ContinuousClock.now
        let result = Result { () throws(MatcherError) in try call() }
        let elapsed = ContinuousClock.now - start
        if elapsed > limits.templateTime {
            throw fail(.createTemplate, index, .timeout, "took \(elapsed), more than the limit of \(limits.templateTime)")
        }
        let created = try result.get()
        if created.template.bytes.count > limits.maxTemplateBytes {
            throw fail(
                .createTemplate, index, .protocolViolation,
                "the template is \(created.template.bytes.count) bytes, more than the limit of \(limits.maxTemplateBytes)")
        }
        if let eyes = created.eyes, ![eyes.left.x, eyes.left.y, eyes.right.x, eyes.right.y].allSatisfy(\.isFinite) {
            throw fail(.createTemplate, index, .protocolViolation, "eye positions must be finite, got \(eyes)")
        }
        if let quality = created.quality, !(quality.isFinite && (0...100).contains(quality)) {
            throw fail(.createTemplate, index, .protocolViolation, "quality must be in 0...100, got \(quality)")
        }
        return created
    }

    public func compare(verification: Template, enrolment: Template) throws(MatcherError) -> Double {
        try compare([TemplatePair(verification: verification, enrolment: enrolment)])[0].get()
    }

    public func compare(_ pairs: [TemplatePair]) -> [Result<Double, MatcherError>] {
        guard !pairs.isEmpty else { return [] }
        let first = log.reserveComparisons(pairs.count)
        guard !isClosed else { return Array(repeating: .failure(MatcherError(.crash, "the adapter is closed")), count: pairs.count) }
        let start = ContinuousClock.now
        let raw = wrapped.compare(pairs)
        let elapsed = ContinuousClock.now - start
        let limit = limits.batchTime(count: pairs.count)
        guard raw.count == pairs.count else {
            let message = "the batch of \(pairs.count) pairs gave \(raw.count) results"
            return (0..<pairs.count).map { .failure(fail(.compare, first + $0, .protocolViolation, message)) }
        }
        if elapsed > limit {
            let message = "the batch of \(pairs.count) took \(elapsed), more than the limit of \(limit)"
            return (0..<pairs.count).map { .failure(fail(.compare, first + $0, .timeout, message)) }
        }
        return raw.enumerated().map { offset, result in
            guard case .success(let score) = result, let problem = ScoreRules.violation(score, kind: identity.scoreKind)
            else { return result }
            return .failure(
                fail(
                    .compare, first + offset, .protocolViolation,
                    "\(problem) (score kind \(identity.scoreKind.rawValue)) for comparison \(first + offset)"))
        }
    }

    private func fail(_ call: PluginFault.Call, _ index: Int, _ code: MatcherError.Code, _ message: String)
        -> MatcherError
    {
        log.record(PluginFault(call: call, callIndex: index, code: code, message: message))
        return MatcherError(code, message)
    }
}
