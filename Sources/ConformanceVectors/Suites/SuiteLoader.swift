import Crypto
import FaceImaging
import Foundation

/// Loads and checks test vector suites (`facecert.suite/1`).
///
/// Loading reads `suite.json`, validates every field, checks every image path (no absolute paths, no `..`, no
/// symlink leading outside the image root), then reads every image file in parallel batches, compares its
/// SHA-256 with the manifest's and streams it into the ``SuiteDigest``. Only when everything matches is a
/// ``VectorSuite`` returned, so no image is used before all hashes were verified.
public enum SuiteLoader {
    /// Loads the suite at `location` (a suite directory or its `suite.json`).
    ///
    /// - Parameters:
    ///   - location: The suite directory, or the manifest file itself.
    ///   - options: Image root, limits.
    /// - Returns: The verified suite.
    /// - Throws: ``VectorsError`` with code ``VectorsError/Code/suiteRejected`` whose ``VectorsError/diagnostics``
    ///   list every error (the message repeats the first few), or with the code of the only error.
    /// - Complexity: O(images + bytes of all images); the hashing runs on all cores.
    public static func load(_ location: URL, options: SuiteLoadOptions = SuiteLoadOptions()) throws(VectorsError)
        -> VectorSuite
    {
        let inspection = inspect(location, options: options)
        if let suite = inspection.suite { return suite }
        let errors = inspection.errors
        guard !errors.isEmpty else {
            throw VectorsError(
                .missingImage,
                "the suite's images were not verified: it stores them externally; pass the image root "
                    + "(--images DIR)",
                file: inspection.manifestPath)
        }
        if errors.count == 1, let only = errors.first {
            throw VectorsError(only.code, only.message, file: only.file, jsonPath: only.jsonPath, diagnostics: errors)
        }
        let shown = errors.prefix(5).map(\.description).joined(separator: "\n  ")
        throw VectorsError(
            .suiteRejected,
            "the suite has \(errors.count) errors; run `facecert vectors lint` for all of them:\n  \(shown)",
            file: inspection.manifestPath, diagnostics: errors)
    }

    /// Inspects the suite at `location` and reports everything found, without throwing.
    ///
    /// When the suite stores its images externally and no image root is given, the manifest is checked but no
    /// image is read; a warning says so and no ``SuiteInspection/suite`` is returned.
    ///
    /// - Complexity: As ``load(_:options:)``.
    public static func inspect(_ location: URL, options: SuiteLoadOptions = SuiteLoadOptions()) -> SuiteInspection {
        var inspector = Inspector(location: location, options: options)
        return inspector.run()
    }
}

private struct Inspector {
    let manifestURL: URL
    let suiteDirectory: URL
    let file: String
    let options: SuiteLoadOptions
    var diagnostics: [SuiteDiagnostic] = []

    init(location: URL, options: SuiteLoadOptions) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: location.path, isDirectory: &isDirectory), isDirectory.boolValue {
            manifestURL = location.appendingPathComponent(SuiteManifest.fileName)
            suiteDirectory = location
        } else {
            manifestURL = location
            suiteDirectory = location.deletingLastPathComponent()
        }
        file = manifestURL.path
        self.options = options
    }

    mutating func error(_ code: VectorsError.Code, _ path: String?, _ message: String) {
        diagnostics.append(SuiteDiagnostic(.error, code, file: file, jsonPath: path, message))
    }

    mutating func warning(_ code: VectorsError.Code, _ path: String?, _ message: String) {
        diagnostics.append(SuiteDiagnostic(.warning, code, file: file, jsonPath: path, message))
    }

    func finish(_ inspection: SuiteInspection) -> SuiteInspection {
        var result = inspection
        result.diagnostics =
            diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity == .warning }
        return result
    }

    mutating func run() -> SuiteInspection {
        var inspection = SuiteInspection(manifestPath: file, diagnostics: [], imagesVerified: false)

        // 1. Bytes.
        let manifestData: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: manifestURL.path)
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            guard size <= options.limits.maximumManifestBytes else {
                error(
                    .tooLarge, nil,
                    "the manifest is \(size) bytes, more than the limit of "
                        + "\(options.limits.maximumManifestBytes); split the suite or raise the limit")
                return finish(inspection)
            }
            manifestData = try Data(contentsOf: manifestURL)
        } catch {
            self.error(
                .io, nil,
                "cannot read the manifest (\(error.localizedDescription)); give a suite directory "
                    + "containing \(SuiteManifest.fileName), or the manifest file itself")
            return finish(inspection)
        }

        // 2. Schema identifier first, so a future format gets a clear message rather than field errors.
        struct Probe: Decodable { var schema: String? }
        guard let probe = try? JSONDecoder().decode(Probe.self, from: manifestData) else {
            let detail: String
            do {
                _ = try JSONSerialization.jsonObject(with: manifestData)
                detail = "the top level must be a JSON object"
            } catch { detail = "\(error.localizedDescription)" }
            self.error(.malformedJSON, "$", "not a valid JSON manifest: \(detail); fix the JSON syntax")
            return finish(inspection)
        }
        guard let schema = probe.schema else {
            error(
                .missingField, "$.schema",
                "required field \"schema\" is missing; add "
                    + "\"schema\": \"\(SuiteManifest.schemaIdentifier)\"")
            return finish(inspection)
        }
        guard schema == SuiteManifest.schemaIdentifier else {
            error(
                .unsupportedSchema, "$.schema",
                "unsupported schema \"\(schema)\"; this facecert reads "
                    + "\"\(SuiteManifest.schemaIdentifier)\" only: use a facecert release that reads \(schema), or "
                    + "rebuild the suite with this one")
            return finish(inspection)
        }

        // 3. Typed decode.
        let manifest: SuiteManifest
        do {
            manifest = try JSONDecoder().decode(SuiteManifest.self, from: manifestData)
        } catch let decoding as DecodingError {
            let (path, message, code) = JSONPath.describe(decoding)
            error(code, path, message)
            return finish(inspection)
        } catch {
            self.error(.malformedJSON, "$", "\(error)")
            return finish(inspection)
        }
        inspection.manifest = manifest
        inspection.subjectCount = manifest.subjects.count
        inspection.imageCount = manifest.images.count

        // 4. Fields, ids, references.
        warnAboutUnknownFields(manifestData)
        let header = checkHeader(manifest)
        guard checkSizes(manifest) else { return finish(inspection) }
        let subjects = checkSubjects(manifest)
        let imageRoot = resolveImageRoot(header.storage)
        var images = checkImages(manifest, subjects: subjects, imageRoot: imageRoot)

        // 5. Comparisons.
        var plan: ComparisonPlan?
        var sequence: ComparisonSequence?
        if let images {
            (plan, sequence) = checkComparisons(manifest, images: images.list, subjectCount: subjects.list.count)
            if let sequence {
                inspection.matedCount = sequence.matedCount
                inspection.nonMatedCount = sequence.nonMatedCount
                if sequence.matedCount == 0 {
                    warning(
                        .sampleTooSmall, "$.comparisons",
                        "the suite makes no mated comparison, so no FNMR or FRR can be measured; add subjects with "
                            + "two or more usable images, or include mated pairs in the protocol")
                }
                if sequence.nonMatedCount == 0 {
                    warning(
                        .sampleTooSmall, "$.comparisons",
                        "the suite makes no non-mated comparison, so no FMR or FAR can be measured; add subjects, "
                            + "or include non-mated pairs in the protocol")
                }
            }
        }

        // 6. Warnings about what the suite can show.
        if let images { warnAboutContent(manifest, subjects: subjects.list, images: images.list, plan: plan) }
        if let version = header.version { warnAboutLocation(id: manifest.id, version: version) }

        // 7. Image bytes, only when the manifest itself is sound.
        let structuralErrors = diagnostics.contains { $0.severity == .error }
        guard let root = imageRoot, var checked = images else {
            if !structuralErrors && header.storage == .external {
                warning(
                    .missingImage, "$.imageStorage",
                    "the suite stores its images externally and no image root "
                        + "was given, so no image hash was verified; pass --images DIR")
            }
            return finish(inspection)
        }
        guard !structuralErrors else { return finish(inspection) }
        guard let digest = verifyImages(&checked.list, root: root, manifest: manifest, manifestData: manifestData)
        else { return finish(inspection) }
        images = checked
        inspection.imagesVerified = true
        inspection.digest = digest

        if let version = header.version, let status = header.status, let storage = header.storage, let plan,
            let sequence, let images
        {
            let warnings = diagnostics.filter { $0.severity == .warning }
            inspection.suite = VectorSuite(
                id: manifest.id, version: version, title: manifest.title, publisher: manifest.publisher,
                licence: manifest.licence, status: status, description: manifest.description,
                imageStorage: storage, manifestURL: manifestURL, imageRoot: root, subjects: subjects.list,
                images: images.list, plan: plan, comparisons: sequence, digest: digest, warnings: warnings,
                imageIndexByID: images.indexByID)
        }
        return finish(inspection)
    }

    // MARK: - Unknown fields

    static let knownFields: [String: Set<String>] = [
        "$": [
            "schema", "id", "version", "title", "publisher", "licence", "status", "description", "imageStorage",
            "subjects", "images", "comparisons",
        ],
        "subject": ["id", "attributes"],
        "image": ["id", "path", "sha256", "subject", "role", "expected", "eyes"],
        "eyes": ["left", "right"],
        "point": ["x", "y"],
        "comparisons": ["protocol", "explicit"],
        "protocol": ["pairing", "mated", "nonMated"],
        "nonMated": ["mode", "count", "seed"],
        "explicit": ["verification", "enrolment", "mated"],
    ]

    /// Warns about fields `facecert.suite/1` does not define (a misspelt optional field would otherwise be
    /// ignored silently); at most 10 are named.
    mutating func warnAboutUnknownFields(_ data: Data) {
        guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        var unknown: [String] = []
        func check(_ object: Any?, _ kind: String, _ path: String) {
            guard let object = object as? [String: Any], let known = Self.knownFields[kind] else { return }
            for key in object.keys.sorted() where !known.contains(key) && unknown.count < 10 {
                unknown.append(path + "." + key)
            }
        }
        check(top, "$", "$")
        for (index, subject) in (top["subjects"] as? [Any] ?? []).enumerated() {
            check(subject, "subject", "$.subjects[\(index)]")
        }
        for (index, image) in (top["images"] as? [Any] ?? []).enumerated() {
            let path = "$.images[\(index)]"
            check(image, "image", path)
            if let eyes = (image as? [String: Any])?["eyes"] {
                check(eyes, "eyes", path + ".eyes")
                check((eyes as? [String: Any])?["left"], "point", path + ".eyes.left")
                check((eyes as? [String: Any])?["right"], "point", path + ".eyes.right")
            }
            if unknown.count >= 10 { break }
        }
        let comparisons = top["comparisons"] as? [String: Any]
        check(comparisons, "comparisons", "$.comparisons")
        let spec = comparisons?["protocol"] as? [String: Any]
        check(spec, "protocol", "$.comparisons.protocol")
        check(spec?["nonMated"], "nonMated", "$.comparisons.protocol.nonMated")
        for (index, entry) in (comparisons?["explicit"] as? [Any] ?? []).prefix(1000).enumerated() {
            check(entry, "explicit", "$.comparisons.explicit[\(index)]")
        }
        for path in unknown {
            warning(
                .invalidValue, path,
                "\(SuiteManifest.schemaIdentifier) has no such field, so it is ignored; "
                    + "check its spelling or remove it")
        }
    }

    // MARK: - Header

    struct Header {
        var version: SemanticVersion?
        var status: SuiteStatus?
        var storage: ImageStorage?
    }

    mutating func checkHeader(_ manifest: SuiteManifest) -> Header {
        var header = Header()
        if !Identifiers.isValid(manifest.id) {
            error(
                .invalidValue, "$.id",
                "suite id \"\(manifest.id)\" is not valid; use 1–128 lowercase letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit (e.g. \"orl\")")
        }
        header.version = SemanticVersion(manifest.version)
        if header.version == nil {
            error(
                .invalidVersion, "$.version",
                "\"\(manifest.version)\" is not a semantic version; use "
                    + "MAJOR.MINOR.PATCH such as 1.0.0 (semver.org)")
        }
        header.status = SuiteStatus(rawValue: manifest.status)
        switch header.status {
        case nil:
            error(
                .invalidValue, "$.status",
                "unknown status \"\(manifest.status)\"; use one of "
                    + SuiteStatus.allCases.map(\.rawValue).joined(separator: ", "))
        case .draft?:
            warning(
                .invalidValue, "$.status",
                "the suite is a draft: results judged on it must say so; publish "
                    + "it (status \"published\") when it is final")
        case .withdrawn?:
            warning(
                .invalidValue, "$.status",
                "the suite is withdrawn by its publisher; use its successor for new "
                    + "evaluations")
        case .published?: break
        }
        header.storage = ImageStorage(rawValue: manifest.imageStorage)
        if header.storage == nil {
            error(
                .invalidValue, "$.imageStorage",
                "unknown image storage \"\(manifest.imageStorage)\"; use "
                    + "\"bundled\" or \"external\"")
        }
        for (name, value) in [
            ("title", manifest.title), ("publisher", manifest.publisher),
            ("licence", manifest.licence),
        ]
        where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            error(.missingField, "$.\(name)", "\(name) is empty; say it")
        }
        return header
    }

    mutating func checkSizes(_ manifest: SuiteManifest) -> Bool {
        let limits = options.limits
        var ok = true
        if manifest.subjects.count > limits.maximumSubjects {
            error(
                .tooLarge, "$.subjects",
                "\(manifest.subjects.count) subjects, more than the limit of "
                    + "\(limits.maximumSubjects); split the suite")
            ok = false
        }
        if manifest.images.count > limits.maximumImages {
            error(
                .tooLarge, "$.images",
                "\(manifest.images.count) images, more than the limit of "
                    + "\(limits.maximumImages); split the suite")
            ok = false
        }
        if let explicit = manifest.comparisons.explicit, explicit.count > limits.maximumExplicitComparisons {
            error(
                .tooLarge, "$.comparisons.explicit",
                "\(explicit.count) listed comparisons, more than the limit "
                    + "of \(limits.maximumExplicitComparisons); declare a protocol instead of listing pairs")
            ok = false
        }
        return ok
    }

    func isReasonableText(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= options.limits.maximumStringBytes
            && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    // MARK: - Subjects

    struct Subjects {
        var list: [SuiteSubject] = []
        var indexByID: [String: Int] = [:]
    }

    mutating func checkSubjects(_ manifest: SuiteManifest) -> Subjects {
        var result = Subjects()
        result.list.reserveCapacity(manifest.subjects.count)
        for (index, subject) in manifest.subjects.enumerated() {
            let path = "$.subjects[\(index)]"
            if !isReasonableText(subject.id) {
                error(
                    .invalidValue, path + ".id",
                    "subject id must be 1–\(options.limits.maximumStringBytes) bytes "
                        + "without control characters")
            } else if let first = result.indexByID[subject.id] {
                error(
                    .duplicateID, path + ".id",
                    "subject id \"\(subject.id)\" is already used by "
                        + "$.subjects[\(first)]; give every subject its own id")
            } else {
                result.indexByID[subject.id] = result.list.count
            }
            let attributes = subject.attributes ?? [:]
            if attributes.count > options.limits.maximumAttributes {
                error(
                    .tooLarge, path + ".attributes",
                    "\(attributes.count) attributes, more than the limit of "
                        + "\(options.limits.maximumAttributes)")
            }
            for (key, value) in attributes.sorted(by: { $0.key < $1.key })
            where !isReasonableText(key) || value.utf8.count > options.limits.maximumStringBytes {
                error(
                    .invalidValue, path + ".attributes.\(key)",
                    "attribute names must be non-empty, attribute "
                        + "texts at most \(options.limits.maximumStringBytes) bytes, without control characters")
            }
            result.list.append(SuiteSubject(id: subject.id, attributes: attributes))
        }
        return result
    }

    // MARK: - Images

    struct Images {
        var list: [SuiteImage] = []
        var indexByID: [String: Int] = [:]
    }

    /// Why a relative path is unsafe, or `nil` when it is a plain relative path inside its root.
    static func pathProblem(_ path: String) -> String? {
        if path.isEmpty { return "the path is empty" }
        if path.hasPrefix("/") { return "the path is absolute" }
        if path.contains("\\") { return "the path contains a backslash; use '/' between folders" }
        if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "the path contains a control character"
        }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty { return "the path has an empty component ('//' or a trailing '/')" }
            if component == ".." { return "the path contains '..'" }
            if component == "." { return "the path contains '.'" }
        }
        return nil
    }

    mutating func resolveImageRoot(_ storage: ImageStorage?) -> URL? {
        if let root = options.imageRoot { return root.standardizedFileURL }
        if storage == .bundled { return suiteDirectory.appendingPathComponent("images").standardizedFileURL }
        return nil
    }

    mutating func checkImages(_ manifest: SuiteManifest, subjects: Subjects, imageRoot: URL?) -> Images? {
        var result = Images()
        result.list.reserveCapacity(manifest.images.count)
        var firstByPath: [String: Int] = [:]
        var ok = true
        for (index, image) in manifest.images.enumerated() {
            let path = "$.images[\(index)]"
            if !isReasonableText(image.id) {
                error(
                    .invalidValue, path + ".id",
                    "image id must be 1–\(options.limits.maximumStringBytes) bytes "
                        + "without control characters")
                ok = false
            } else if let first = result.indexByID[image.id] {
                error(
                    .duplicateID, path + ".id",
                    "image id \"\(image.id)\" is already used by $.images[\(first)]; "
                        + "give every image its own id")
                ok = false
            } else {
                result.indexByID[image.id] = index
            }
            if let problem = Self.pathProblem(image.path) {
                error(
                    .pathEscape, path + ".path",
                    "image \"\(image.id)\": \(problem) (\"\(image.path)\"); give a "
                        + "'/'-separated path relative to the image root, without '..'")
                ok = false
            } else if image.path.utf8.count > options.limits.maximumStringBytes {
                error(
                    .tooLarge, path + ".path",
                    "image \"\(image.id)\": the path is longer than "
                        + "\(options.limits.maximumStringBytes) bytes")
                ok = false
            } else if let first = firstByPath[image.path] {
                error(
                    .duplicateID, path + ".path",
                    "image \"\(image.id)\" has the same file as $.images[\(first)] "
                        + "(\"\(image.path)\"); one file must appear once, under one id")
                ok = false
            } else {
                firstByPath[image.path] = index
            }
            if !Hex.isLowercaseSHA256(image.sha256) {
                error(
                    .invalidValue, path + ".sha256",
                    "image \"\(image.id)\": \"\(image.sha256)\" is not a SHA-256; "
                        + "give 64 lowercase hex digits (`sha256sum FILE`)")
                ok = false
            }
            var subjectIndex: Int?
            if let subject = image.subject {
                subjectIndex = subjects.indexByID[subject]
                if subjectIndex == nil {
                    error(
                        .unknownSubject, path + ".subject",
                        "image \"\(image.id)\" names subject \"\(subject)\", "
                            + "which $.subjects does not declare; add the subject or correct the id")
                    ok = false
                }
            }
            let role = CaptureRole(rawValue: image.role)
            if role == nil {
                error(
                    .invalidValue, path + ".role",
                    "image \"\(image.id)\": unknown role \"\(image.role)\"; use "
                        + CaptureRole.allCases.map(\.rawValue).joined(separator: ", "))
                ok = false
            }
            let expected = ExpectedOutcome(rawValue: image.expected)
            if expected == nil {
                error(
                    .invalidValue, path + ".expected",
                    "image \"\(image.id)\": unknown expected outcome "
                        + "\"\(image.expected)\"; use "
                        + ExpectedOutcome.allCases.map(\.rawValue).joined(separator: ", "))
                ok = false
            }
            if let eyes = image.eyes {
                let values = [eyes.left.x, eyes.left.y, eyes.right.x, eyes.right.y]
                if !values.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1_000_000 }) {
                    error(
                        .invalidValue, path + ".eyes",
                        "image \"\(image.id)\": eye coordinates must be finite, "
                            + "non-negative pixel positions")
                    ok = false
                } else if eyes.interEyeDistance == 0 {
                    error(.invalidValue, path + ".eyes", "image \"\(image.id)\": both eyes are at the same point")
                    ok = false
                }
            }
            let url = (imageRoot ?? suiteDirectory).appendingPathComponent(image.path)
            result.list.append(
                SuiteImage(
                    id: image.id, path: image.path, url: url, sha256: image.sha256, subjectIndex: subjectIndex,
                    subjectID: subjectIndex == nil ? nil : image.subject, role: role ?? .both, eyes: image.eyes,
                    expected: expected ?? .enrol))
        }
        return ok ? result : nil
    }

    // MARK: - Comparisons

    mutating func checkComparisons(_ manifest: SuiteManifest, images: [SuiteImage], subjectCount: Int)
        -> (ComparisonPlan?, ComparisonSequence?)
    {
        let comparisons = manifest.comparisons
        switch (comparisons.protocol, comparisons.explicit) {
        case (nil, nil):
            error(
                .missingField, "$.comparisons",
                "neither \"protocol\" nor \"explicit\" is given; declare a protocol (e.g. "
                    + "{\"pairing\": \"crossRole\", \"mated\": \"all\", \"nonMated\": {\"mode\": \"all\"}}) "
                    + "or list the comparisons")
            return (nil, nil)
        case (_?, _?):
            error(.invalidProtocol, "$.comparisons", "both \"protocol\" and \"explicit\" are given; keep one")
            return (nil, nil)
        case (let spec?, nil):
            return checkProtocol(spec, images: images, subjectCount: subjectCount)
        case (nil, let list?):
            return checkExplicit(list, images: images)
        }
    }

    mutating func checkProtocol(
        _ spec: SuiteManifest.ComparisonProtocolSpec, images: [SuiteImage], subjectCount: Int
    ) -> (ComparisonPlan?, ComparisonSequence?) {
        let base = "$.comparisons.protocol"
        var ok = true
        let pairing = ComparisonPlan.Pairing(rawValue: spec.pairing)
        if pairing == nil {
            error(
                .invalidProtocol, base + ".pairing",
                "unknown pairing \"\(spec.pairing)\"; use "
                    + ComparisonPlan.Pairing.allCases.map(\.rawValue).joined(separator: " or "))
            ok = false
        }
        var includeMated = true
        switch spec.mated {
        case "all": includeMated = true
        case "none": includeMated = false
        default:
            error(.invalidProtocol, base + ".mated", "unknown value \"\(spec.mated)\"; use \"all\" or \"none\"")
            ok = false
        }
        var nonMated = ComparisonPlan.NonMatedSelection.all
        switch spec.nonMated.mode {
        case "all": nonMated = .all
        case "none": nonMated = .none
        case "sample":
            if let count = spec.nonMated.count, let seed = spec.nonMated.seed {
                if seed >= (UInt64(1) << 53) {
                    error(
                        .invalidProtocol, base + ".nonMated.seed",
                        "seed \(seed) is above 2^53 − 1, which not "
                            + "every JSON reader keeps exact; choose a smaller seed")
                    ok = false
                }
                nonMated = .sample(count: count, seed: seed)
            } else {
                error(.invalidProtocol, base + ".nonMated", "mode \"sample\" needs \"count\" and \"seed\"")
                ok = false
            }
        default:
            error(
                .invalidProtocol, base + ".nonMated.mode",
                "unknown mode \"\(spec.nonMated.mode)\"; use \"all\", "
                    + "\"sample\" or \"none\"")
            ok = false
        }
        guard ok, let pairing else { return (nil, nil) }
        do {
            let sequence = try ComparisonSequence(
                images: images, subjectCount: subjectCount, pairing: pairing, includeMated: includeMated,
                nonMated: nonMated)
            if sequence.count > options.limits.maximumComparisons {
                error(
                    .tooLarge, base,
                    "the protocol expands to \(sequence.count) comparisons, more than the limit "
                        + "of \(options.limits.maximumComparisons); sample the non-mated pairs instead")
                return (nil, nil)
            }
            return (.declared(pairing: pairing, includeMated: includeMated, nonMated: nonMated), sequence)
        } catch {
            self.error(error.code, base + ".nonMated.count", error.message)
            return (nil, nil)
        }
    }

    mutating func checkExplicit(_ list: [SuiteManifest.ExplicitComparison], images: [SuiteImage])
        -> (ComparisonPlan?, ComparisonSequence?)
    {
        var indexByID: [String: Int] = [:]
        for (index, image) in images.enumerated() { indexByID[image.id] = index }
        var result: [Comparison] = []
        result.reserveCapacity(list.count)
        var seen: [Comparison: Int] = [:]
        var ok = true
        for (index, entry) in list.enumerated() {
            let path = "$.comparisons.explicit[\(index)]"
            guard let v = indexByID[entry.verification] else {
                error(
                    .danglingReference, path + ".verification",
                    "no image has id \"\(entry.verification)\"; "
                        + "name an image from $.images")
                ok = false
                continue
            }
            guard let e = indexByID[entry.enrolment] else {
                error(
                    .danglingReference, path + ".enrolment",
                    "no image has id \"\(entry.enrolment)\"; name an "
                        + "image from $.images")
                ok = false
                continue
            }
            if v == e {
                error(
                    .selfComparison, path,
                    "image \"\(entry.verification)\" is compared with itself; a comparison "
                        + "needs two different images")
                ok = false
                continue
            }
            let vi = images[v]
            let ei = images[e]
            for (image, side) in [(vi, "verification"), (ei, "enrolment")] where !image.isComparable {
                error(
                    .roleMismatch, path + ".\(side)",
                    "image \"\(image.id)\" "
                        + (image.subjectIndex == nil ? "has no subject" : "is expected to be refused")
                        + " and cannot take part in a comparison; remove the comparison")
                ok = false
            }
            if !vi.role.canVerify {
                error(
                    .roleMismatch, path + ".verification",
                    "image \"\(vi.id)\" has role \(vi.role.rawValue) and "
                        + "cannot be the verification side; swap the sides or change its role")
                ok = false
            }
            if !ei.role.canEnrol {
                error(
                    .roleMismatch, path + ".enrolment",
                    "image \"\(ei.id)\" has role \(ei.role.rawValue) and "
                        + "cannot be the enrolment side; swap the sides or change its role")
                ok = false
            }
            if let vs = vi.subjectIndex, let es = ei.subjectIndex, (vs == es) != entry.mated {
                error(
                    .matedContradiction, path + ".mated",
                    "mated is \(entry.mated) but \"\(vi.id)\" shows subject "
                        + "\"\(vi.subjectID ?? "")\" and \"\(ei.id)\" shows \"\(ei.subjectID ?? "")\"; set mated to "
                        + "\(vs == es)")
                ok = false
            }
            let comparison = Comparison(verification: v, enrolment: e, mated: entry.mated)
            if let first = seen[comparison] {
                error(
                    .duplicateID, path,
                    "the same comparison is listed at $.comparisons.explicit[\(first)]; list "
                        + "each comparison once")
                ok = false
            } else {
                seen[comparison] = index
            }
            result.append(comparison)
        }
        guard ok else { return (nil, nil) }
        return (.explicit, ComparisonSequence(explicit: result))
    }

    // MARK: - Warnings

    static func listed(_ items: [String], limit: Int = 8) -> String {
        let shown = items.prefix(limit).map { "\"\($0)\"" }.joined(separator: ", ")
        return items.count > limit ? shown + " and \(items.count - limit) more" : shown
    }

    mutating func warnAboutContent(
        _ manifest: SuiteManifest, subjects: [SuiteSubject], images: [SuiteImage], plan: ComparisonPlan?
    ) {
        var usable = [Int](repeating: 0, count: subjects.count)
        var any = [Int](repeating: 0, count: subjects.count)
        for image in images {
            guard let s = image.subjectIndex else { continue }
            any[s] += 1
            if image.isComparable { usable[s] += 1 }
        }
        let empty = subjects.indices.filter { any[$0] == 0 }.map { subjects[$0].id }
        if !empty.isEmpty {
            warning(
                .unknownSubject, "$.subjects",
                "\(empty.count) subject(s) have no image: "
                    + Self.listed(empty) + "; remove them or add their images")
        }
        let single = subjects.indices.filter { usable[$0] == 1 }.map { subjects[$0].id }
        if !single.isEmpty {
            warning(
                .sampleTooSmall, "$.subjects",
                "\(single.count) subject(s) have one usable image, so no mated "
                    + "comparison: " + Self.listed(single) + "; add a second image of each")
        }
        if case .declared(let pairing, _, _)? = plan {
            if pairing == .unordered {
                let excluded = images.filter { $0.isComparable && $0.role != .both }.map(\.id)
                if !excluded.isEmpty {
                    warning(
                        .roleMismatch, "$.comparisons.protocol.pairing",
                        "unordered pairing uses only images "
                            + "with role \"both\"; \(excluded.count) image(s) take no part: " + Self.listed(excluded)
                            + "; give them role \"both\" or use pairing \"crossRole\"")
                }
            }
        }
        // Demographic groups: categorical attributes only (not every value a number).
        var groups: [String: [String: Int]] = [:]
        for subject in subjects {
            for (key, value) in subject.attributes { groups[key, default: [:]][value, default: 0] += 1 }
        }
        // Skipped: continuous attributes (most values numbers, or nearly one value per subject) and raw columns
        // whose well-known normalised key is present (`face_eth` beside `ethnicity`).
        let normalisedFrom: [String: String] = [
            "gender": "sex", "face_gender": "sex", "eth": "ethnicity", "face_eth": "ethnicity", "race": "ethnicity",
            "region": "ethnicity", "age": "ageBand", "face_age": "ageBand",
        ]
        for key in groups.keys.sorted() {
            guard let values = groups[key] else { continue }
            if let normalised = normalisedFrom[key.lowercased()], groups[normalised] != nil { continue }
            let total = values.values.reduce(0, +)
            let numeric = values.filter { Double($0.key) != nil }.values.reduce(0, +)
            if numeric * 5 >= total * 4 || values.count * 2 > max(total, 2) { continue }
            let small = values.filter { $0.value < options.minimumGroupSubjects }.sorted { $0.key < $1.key }
            if !small.isEmpty {
                warning(
                    .sampleTooSmall, "$.subjects[*].attributes.\(key)",
                    "demographic groups too small to say "
                        + "anything (fewer than \(options.minimumGroupSubjects) subjects): "
                        + small.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
                        + "; do not report per-group rates for them, or add subjects")
            }
        }
        var firstBySHA: [String: String] = [:]
        var duplicates: [String] = []
        for image in images {
            if let first = firstBySHA[image.sha256] {
                duplicates.append("\(image.id) = \(first)")
            } else {
                firstBySHA[image.sha256] = image.id
            }
        }
        if !duplicates.isEmpty {
            warning(
                .duplicateID, "$.images",
                "\(duplicates.count) image(s) have the same bytes as another: "
                    + Self.listed(duplicates) + "; identical files make mated pairs trivial, remove the copies")
        }
    }

    mutating func warnAboutLocation(id: String, version: SemanticVersion) {
        let versionFolder = suiteDirectory.standardizedFileURL.lastPathComponent
        let idFolder = suiteDirectory.standardizedFileURL.deletingLastPathComponent().lastPathComponent
        if SemanticVersion(versionFolder) != nil, versionFolder != version.description || idFolder != id {
            warning(
                .invalidVersion, "$.version",
                "the suite lives in \(idFolder)/\(versionFolder) but says it is "
                    + "\(id) \(version); publish it as vectors/\(id)/\(version)/")
        }
    }

    // MARK: - Image bytes

    mutating func verifyImages(_ images: inout [SuiteImage], root: URL, manifest: SuiteManifest, manifestData: Data)
        -> SuiteDigest?
    {
        let rootReal = root.resolvingSymlinksInPath().standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootReal, isDirectory: &isDirectory), isDirectory.boolValue else {
            error(
                .missingImage, "$.imageStorage",
                "the image root \(root.path) is not a directory; "
                    + (options.imageRoot == nil
                        ? "bundle the images under images/ beside suite.json" : "check --images"))
            return nil
        }
        var builder = SuiteDigest.Builder(manifest: manifestData)
        let batchSize = max(1, options.batchSize)
        let maximumBytes = options.limits.maximumImageBytes
        var failed = false
        var start = 0
        while start < images.count {
            let end = min(images.count, start + batchSize)
            let batch = Array(images[start..<end])
            let outcomes = ParallelMap.map(batch) { image in
                ImageCheck.run(image, rootReal: rootReal, maximumBytes: maximumBytes)
            }
            for (offset, outcome) in outcomes.enumerated() {
                let index = start + offset
                let path = "$.images[\(index)]"
                switch outcome {
                case .success(let data, let realURL):
                    images[index] = images[index].with(url: realURL)
                    if !failed { builder.appendImage(id: images[index].id, bytes: data) }
                case .failure(let code, let field, let message):
                    failed = true
                    error(code, path + field, "image \"\(images[index].id)\" (\(images[index].path)): \(message)")
                }
            }
            start = end
        }
        return failed ? nil : builder.finalize()
    }
}

extension SuiteImage {
    func with(url: URL) -> SuiteImage {
        SuiteImage(
            id: id, path: path, url: url, sha256: sha256, subjectIndex: subjectIndex, subjectID: subjectID,
            role: role, eyes: eyes, expected: expected)
    }
}

/// Reads one image and checks it: inside the root after resolving symlinks, a regular file, within the size
/// limit, and with the manifest's SHA-256.
enum ImageCheck {
    enum Outcome: Sendable {
        case success(Data, URL)
        case failure(VectorsError.Code, String, String)
    }

    static func run(_ image: SuiteImage, rootReal: String, maximumBytes: Int) -> Outcome {
        let real = image.url.resolvingSymlinksInPath().standardizedFileURL
        guard real.path.hasPrefix(rootReal.hasSuffix("/") ? rootReal : rootReal + "/") else {
            return .failure(
                .pathEscape, ".path",
                "resolves to \(real.path), outside the image root \(rootReal) (a symlink leads out); put the file "
                    + "itself inside the root")
        }
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: real.path)
        } catch {
            return .failure(
                .missingImage, ".path",
                "no file at \(image.url.path); bring the image under the image root or correct the path")
        }
        guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
            return .failure(.missingImage, ".path", "\(image.url.path) is not a regular file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maximumBytes else {
            return .failure(
                .tooLarge, ".path", "the file is \(size) bytes, more than the limit of \(maximumBytes) per image")
        }
        let data: Data
        do {
            data = try Data(contentsOf: real)
        } catch {
            return .failure(.io, ".path", "cannot read \(image.url.path): \(error.localizedDescription)")
        }
        let actual = Hex.encode(SHA256.hash(data: data))
        guard actual == image.sha256 else {
            return .failure(
                .hashMismatch, ".sha256",
                "the file's SHA-256 is \(actual) but the manifest says \(image.sha256): the image is not the "
                    + "published one; restore the original file (or, as publisher, rebuild the suite)")
        }
        return .success(data, real)
    }
}
