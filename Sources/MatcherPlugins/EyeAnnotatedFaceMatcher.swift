import FaceImaging

/// A matcher that can use the eye positions a suite annotates on its images (a facecert extension of
/// ``FaceMatcher``).
///
/// NIST FRTE 1:1 gives a matcher pixels only: finding the face and its eyes is part of what is measured. Many
/// suites, however, annotate each image's eye centres (ISO/IEC 39794-5 image coordinates, as `eyes` in a suite
/// manifest), and a matcher without a detector of its own (such as the reference `LBPHMatcher`) is measured
/// fairly only when it may align on them. A matcher that wants them adopts this protocol; the harness then calls
/// ``createTemplate(from:role:eyes:)`` instead of ``FaceMatcher/createTemplate(from:role:)``.
///
/// ## What the matcher gets
/// - `eyes` is the suite's annotation of exactly the image passed, or `nil` when the suite annotates none for
///   it (a matcher must then work as ``FaceMatcher/createTemplate(from:role:)`` does, or refuse).
/// - Eye positions carry no identity: no file name, image or subject id, pair or label reaches the matcher, so
///   the blindness of ``FaceMatcher`` holds. Eye positions are in the pixel coordinates of `image`, "left" being
///   the eye on the image's left (``EyePositions``). They describe the face in that image, as its pixels do
///   (a detector could find them): like the face itself, their geometry (e.g. the inter-eye distance) varies
///   less within a subject than between subjects, but they say nothing the image does not.
/// - The harness may decline to pass annotations (`facecert run --no-eye-positions`): it then calls
///   ``FaceMatcher/createTemplate(from:role:)``. Every report records whether annotations were given
///   (`matcher.eyePositionsProvided`), because the numbers of an aligned and an unaligned run differ and only
///   the unaligned one is comparable with NIST FRTE 1:1.
///
/// ## Implementation requirements
/// Everything ``FaceMatcher`` requires. In addition, `createTemplate(from: image, role: role, eyes: nil)` must
/// equal `createTemplate(from: image, role: role)`. Adapters that wrap another matcher (``InProcessMatcher``)
/// adopt this protocol and report through ``acceptsEyePositions`` whether the wrapped matcher does.
///
/// Only in-process Swift matchers (built-ins and ``InProcessMatcher`` wrappers) are offered annotations in this
/// version: the C ABI and the wire protocol of child processes carry no eye positions.
public protocol EyeAnnotatedFaceMatcher: FaceMatcher {
    /// Whether the harness should pass annotated eye positions: `true` for a matcher that uses them (the
    /// default), the wrapped matcher's answer for an adapter.
    var acceptsEyePositions: Bool { get }

    /// Creates a template from one face image, aligned on the suite's eye positions when they are given.
    ///
    /// - Parameters:
    ///   - image: 8-bit gray or RGB pixels.
    ///   - role: Whether the template will be the enrolment (reference) or verification (probe) side.
    ///   - eyes: The suite's annotated eye centres in `image`, or `nil` when the image has none.
    /// - Returns: The template, and optionally the detected eye positions and a quality value.
    /// - Throws: ``MatcherError`` for a refusal of the input (including unusable eye positions) or a failure to
    ///   extract, as ``FaceMatcher/createTemplate(from:role:)``.
    func createTemplate(from image: FaceImage, role: TemplateRole, eyes: EyePositions?) throws(MatcherError)
        -> CreatedTemplate
}

extension EyeAnnotatedFaceMatcher {
    /// A matcher that adopts the protocol uses eye positions.
    public var acceptsEyePositions: Bool { true }
}

extension FaceMatcher {
    /// This matcher as an ``EyeAnnotatedFaceMatcher`` when it uses annotated eye positions (seeing through
    /// adapters such as ``InProcessMatcher``), else `nil`.
    public var eyeAnnotated: (any EyeAnnotatedFaceMatcher)? {
        guard let annotated = self as? any EyeAnnotatedFaceMatcher, annotated.acceptsEyePositions else { return nil }
        return annotated
    }
}
