import Crypto
import FaceImaging
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How `vectors build` turns a folder of faces into a suite.
public struct SuiteBuildOptions: Sendable {
    public var id: String
    public var version: SemanticVersion
    public var title: String?
    public var publisher: String?
    public var licence: String?
    public var status: SuiteStatus
    public var description: String?
    /// `bundled` copies the images under `OUT/images/`; `external` writes only the manifest.
    public var imageStorage: ImageStorage
    /// `nil` chooses `unordered` when every comparable image has role `both`, `crossRole` otherwise.
    public var pairing: ComparisonPlan.Pairing?
    public var includeMated: Bool
    public var nonMated: ComparisonPlan.NonMatedSelection
    /// fnmatch(3) pattern for enrolment images, matched against the file name (or the relative path when the
    /// pattern contains '/').
    public var enrolmentGlob: String?
    /// fnmatch(3) pattern for verification images.
    public var verificationGlob: String?
    /// A CSV `verification,enrolment[,mated]` of image ids: write an explicit list instead of a protocol.
    public var explicitComparisons: URL?
    /// Add the well-known keys `sex`, `ageBand`, `ethnicity` next to recognised `subjects.csv` columns.
    public var normaliseAttributes: Bool
    /// Replace an existing `suite.json` in the output directory.
    public var overwrite: Bool

    public init(
        id: String, version: SemanticVersion, title: String? = nil, publisher: String? = nil,
        licence: String? = nil, status: SuiteStatus = .draft, description: String? = nil,
        imageStorage: ImageStorage = .bundled, pairing: ComparisonPlan.Pairing? = nil, includeMated: Bool = true,
        nonMated: ComparisonPlan.NonMatedSelection = .all, enrolmentGlob: String? = nil,
        verificationGlob: String? = nil, explicitComparisons: URL? = nil, normaliseAttributes: Bool = true,
        overwrite: Bool = false
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.publisher = publisher
        self.licence = licence
        self.status = status
        self.description = description
        self.imageStorage = imageStorage
        self.pairing = pairing
        self.includeMated = includeMated
        self.nonMated = nonMated
        self.enrolmentGlob = enrolmentGlob
        self.verificationGlob = verificationGlob
        self.explicitComparisons = explicitComparisons
        self.normaliseAttributes = normaliseAttributes
        self.overwrite = overwrite
    }
}

/// What `vectors build` wrote.
public struct SuiteBuildResult: Sendable {
    public let manifestURL: URL
    public let manifest: SuiteManifest
    /// Things the builder decided or ignored that the publisher should know.
    public let notes: [String]
}

/// Builds a suite from a folder tree (the contract the synthetic face generator also emits):
///
/// ```
/// SRC/SUBJECT/IMAGE.png        one folder per subject; the folder name is the subject id
/// SRC/_unlabelled/IMAGE.png    images of nobody: no subject, expected "refuse", no comparisons
/// SRC/subjects.csv             optional: first column subject id, other columns attributes
/// SRC/eyes.csv                 optional: image,left_eye_x,left_eye_y,right_eye_x,right_eye_y
/// SRC/images.csv               optional: image[,role][,expected][,subject]  (an empty subject = nobody)
/// ```
/// Image paths in the CSVs are relative to SRC (`001/001_03.png`). Image ids are the relative paths without
/// `.png`. Folders and files starting with `.` are ignored, as are other folders starting with `_`.
public enum SuiteBuilder {
    /// The folder of images that show nobody.
    public static let unlabelledFolder = "_unlabelled"

    /// Builds the suite from `source` into `output` and returns what it wrote.
    ///
    /// - Parameters:
    ///   - source: The SRC folder.
    ///   - output: The suite directory to write (`vectors/<id>/<version>` by convention).
    ///   - options: Identity and protocol of the suite.
    /// - Returns: The manifest, its file and notes for the publisher.
    /// - Throws: ``VectorsError`` naming the source file (and line) or image at fault.
    /// - Complexity: O(images + bytes of all images); hashing runs on all cores.
    public static func build(source: URL, output: URL, options: SuiteBuildOptions) throws(VectorsError)
        -> SuiteBuildResult
    {
        var notes: [String] = []
        let manifest = try makeManifest(source: source, options: options, notes: &notes)
        let manifestURL = output.appendingPathComponent(SuiteManifest.fileName)
        let manager = FileManager.default
        if manager.fileExists(atPath: manifestURL.path) && !options.overwrite {
            throw VectorsError(
                .io,
                "\(manifestURL.path) exists; a published version must never change: choose a new --version, "
                    + "or pass --force to replace a draft")
        }
        do {
            try manager.createDirectory(at: output, withIntermediateDirectories: true)
            if options.imageStorage == .bundled {
                let imagesRoot = output.appendingPathComponent("images")
                for image in manifest.images {
                    let target = imagesRoot.appendingPathComponent(image.path)
                    try manager.createDirectory(
                        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
                    try manager.copyItem(at: source.appendingPathComponent(image.path), to: target)
                }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try (encoder.encode(manifest) + Data("\n".utf8)).write(to: manifestURL, options: .atomic)
        } catch {
            throw VectorsError(.io, "cannot write the suite: \(error.localizedDescription)", file: output.path)
        }
        return SuiteBuildResult(manifestURL: manifestURL, manifest: manifest, notes: notes)
    }

    /// The manifest `build` would write, without writing anything.
    ///
    /// - Throws: As ``build(source:output:options:)``.
    public static func makeManifest(source: URL, options: SuiteBuildOptions, notes: inout [String])
        throws(VectorsError) -> SuiteManifest
    {
        guard Identifiers.isValid(options.id) else {
            throw VectorsError(
                .invalidValue, "suite id \"\(options.id)\" is not valid; use lowercase letters, digits, '.', '_', '-'")
        }
        let found = try scan(source)
        var entries = found.map { file in
            Entry(path: file.path, subject: file.subject, role: nil, expected: nil, eyes: nil)
        }
        var indexByPath: [String: Int] = [:]
        for (index, entry) in entries.enumerated() { indexByPath[entry.path] = index }

        try applyImagesCSV(source, &entries, indexByPath)
        try applyEyesCSV(source, &entries, indexByPath)
        try assignRoles(&entries, options: options)

        // Subjects: those with at least one image, sorted by id; attributes from subjects.csv.
        let attributes = try readSubjectsCSV(source, normalise: options.normaliseAttributes, notes: &notes)
        let subjectIDs = Set(entries.compactMap(\.subject)).sorted()
        let unused = Set(attributes.keys).subtracting(subjectIDs).sorted()
        if !unused.isEmpty {
            notes.append(
                "subjects.csv lists \(unused.count) subject(s) without images, left out: "
                    + unused.prefix(8).joined(separator: ", "))
        }
        let subjects = subjectIDs.map { id in
            SuiteManifest.Subject(id: id, attributes: attributes[id].flatMap { $0.isEmpty ? nil : $0 })
        }

        // Hash every image in parallel.
        let urls = entries.map { source.appendingPathComponent($0.path) }
        let hashes = ParallelMap.map(urls) { url -> Result<String, VectorsError> in
            do {
                let data = try Data(contentsOf: url)
                return .success(Hex.encode(SHA256.hash(data: data)))
            } catch {
                return .failure(
                    VectorsError(.io, "cannot read the image: \(error.localizedDescription)", file: url.path))
            }
        }
        var images: [SuiteManifest.Image] = []
        for (entry, hash) in zip(entries, hashes) {
            let sha: String
            switch hash {
            case .success(let value): sha = value
            case .failure(let error): throw error
            }
            let id = entry.path.lowercased().hasSuffix(".png") ? String(entry.path.dropLast(4)) : entry.path
            images.append(
                SuiteManifest.Image(
                    id: id, path: entry.path, sha256: sha, subject: entry.subject,
                    role: (entry.role ?? .both).rawValue,
                    expected: (entry.expected ?? (entry.subject == nil ? .refuse : .enrol)).rawValue, eyes: entry.eyes))
        }

        let comparisons: SuiteManifest.Comparisons
        if let csv = options.explicitComparisons {
            comparisons = SuiteManifest.Comparisons(explicit: try readComparisonsCSV(csv, images: images))
        } else {
            let comparable = entries.filter { $0.subject != nil && $0.expected != .refuse }
            let pairing =
                options.pairing ?? (comparable.allSatisfy { ($0.role ?? .both) == .both } ? .unordered : .crossRole)
            let nonMated: SuiteManifest.NonMated
            switch options.nonMated {
            case .all: nonMated = .init(mode: "all")
            case .none: nonMated = .init(mode: "none")
            case .sample(let count, let seed): nonMated = .init(mode: "sample", count: count, seed: seed)
            }
            comparisons = SuiteManifest.Comparisons(
                protocol: .init(
                    pairing: pairing.rawValue, mated: options.includeMated ? "all" : "none", nonMated: nonMated))
        }
        if options.publisher == nil { notes.append("no --publisher given; the manifest says \"unspecified\"") }
        if options.licence == nil { notes.append("no --licence given; the manifest says \"unspecified\"") }
        return SuiteManifest(
            id: options.id, version: options.version.description, title: options.title ?? options.id,
            publisher: options.publisher ?? "unspecified", licence: options.licence ?? "unspecified",
            status: options.status.rawValue, description: options.description,
            imageStorage: options.imageStorage.rawValue, subjects: subjects, images: images, comparisons: comparisons)
    }

    struct Entry {
        var path: String
        var subject: String?
        var role: CaptureRole?
        var expected: ExpectedOutcome?
        var eyes: EyePositions?
    }

    /// PNG files one level below each subject folder, sorted by path.
    static func scan(_ source: URL) throws(VectorsError) -> [(path: String, subject: String?)] {
        let manager = FileManager.default
        let folders: [String]
        do { folders = try manager.contentsOfDirectory(atPath: source.path) } catch {
            throw VectorsError(.io, "cannot list the source folder: \(error.localizedDescription)", file: source.path)
        }
        var result: [(path: String, subject: String?)] = []
        for folder in folders.sorted() {
            guard !folder.hasPrefix(".") else { continue }
            if folder.hasPrefix("_") && folder != unlabelledFolder { continue }
            var isDirectory: ObjCBool = false
            let url = source.appendingPathComponent(folder)
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            let files: [String]
            do { files = try manager.contentsOfDirectory(atPath: url.path) } catch {
                throw VectorsError(.io, "cannot list \(url.path): \(error.localizedDescription)")
            }
            for file in files.sorted() where !file.hasPrefix(".") && file.lowercased().hasSuffix(".png") {
                result.append((path: "\(folder)/\(file)", subject: folder == unlabelledFolder ? nil : folder))
            }
        }
        guard !result.isEmpty else {
            throw VectorsError(
                .invalidSource,
                "no PNG image found in SUBJECT/IMAGE.png layout; put each subject's images in a "
                    + "folder named after the subject", file: source.path)
        }
        return result.sorted { $0.path < $1.path }
    }

    static func applyImagesCSV(_ source: URL, _ entries: inout [Entry], _ indexByPath: [String: Int])
        throws(VectorsError)
    {
        let url = source.appendingPathComponent("images.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let table = try CSVTable(contentsOf: url)
        let imageColumn = try table.requireColumn("image")
        let roleColumn = table.column("role")
        let expectedColumn = table.column("expected")
        let subjectColumn = table.column("subject")
        for row in table.rows {
            let path = row.fields[imageColumn]
            guard let index = indexByPath[path] else {
                throw VectorsError(
                    .invalidSource,
                    "line \(row.line): no image \"\(path)\" under the source folder (paths are "
                        + "relative to it, e.g. 001/001_03.png)", file: url.path)
            }
            if let roleColumn, !row.fields[roleColumn].isEmpty {
                guard let role = CaptureRole(rawValue: row.fields[roleColumn]) else {
                    throw VectorsError(
                        .invalidSource,
                        "line \(row.line): unknown role \"\(row.fields[roleColumn])\"; use "
                            + CaptureRole.allCases.map(\.rawValue).joined(separator: ", "), file: url.path)
                }
                entries[index].role = role
            }
            if let expectedColumn, !row.fields[expectedColumn].isEmpty {
                guard let expected = ExpectedOutcome(rawValue: row.fields[expectedColumn]) else {
                    throw VectorsError(
                        .invalidSource,
                        "line \(row.line): unknown expected outcome \"\(row.fields[expectedColumn])\"; "
                            + "use " + ExpectedOutcome.allCases.map(\.rawValue).joined(separator: ", "), file: url.path)
                }
                entries[index].expected = expected
            }
            if let subjectColumn {
                let subject = row.fields[subjectColumn]
                entries[index].subject = subject.isEmpty ? nil : subject
            }
        }
    }

    static func applyEyesCSV(_ source: URL, _ entries: inout [Entry], _ indexByPath: [String: Int])
        throws(VectorsError)
    {
        let url = source.appendingPathComponent("eyes.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let table = try CSVTable(contentsOf: url)
        let imageColumn = try table.requireColumn("image")
        var columns: [Int] = []
        for name in ["left_eye_x", "left_eye_y", "right_eye_x", "right_eye_y"] {
            columns.append(try table.requireColumn(name))
        }
        for row in table.rows {
            let path = row.fields[imageColumn]
            guard let index = indexByPath[path] else {
                throw VectorsError(
                    .invalidSource, "line \(row.line): no image \"\(path)\" under the source folder", file: url.path)
            }
            var values: [Double] = []
            for column in columns {
                guard let value = Double(row.fields[column]), value.isFinite, value >= 0 else {
                    throw VectorsError(
                        .invalidSource, "line \(row.line): \"\(row.fields[column])\" is not a pixel coordinate",
                        file: url.path)
                }
                values.append(value)
            }
            entries[index].eyes = EyePositions(
                left: ImagePoint(x: values[0], y: values[1]), right: ImagePoint(x: values[2], y: values[3]))
        }
    }

    static func matches(_ pattern: String, _ path: String) -> Bool {
        let subject = pattern.contains("/") ? path : String(path.split(separator: "/").last ?? "")
        return fnmatch(pattern, subject, 0) == 0
    }

    static func assignRoles(_ entries: inout [Entry], options: SuiteBuildOptions) throws(VectorsError) {
        let enrolment = options.enrolmentGlob
        let verification = options.verificationGlob
        guard enrolment != nil || verification != nil else { return }
        for index in entries.indices where entries[index].role == nil && entries[index].subject != nil {
            let path = entries[index].path
            let isEnrolment = enrolment.map { matches($0, path) }
            let isVerification = verification.map { matches($0, path) }
            switch (isEnrolment, isVerification) {
            case (true?, true?): entries[index].role = .both
            case (true?, _): entries[index].role = .enrolment
            case (_, true?): entries[index].role = .verification
            case (false?, nil): entries[index].role = .verification
            case (nil, false?): entries[index].role = .enrolment
            default:
                throw VectorsError(
                    .invalidSource,
                    "image \"\(path)\" matches neither --enrolment-glob nor --verification-glob; "
                        + "widen a pattern or give the image a role in images.csv")
            }
        }
    }

    /// Well-known attribute normalisation (documented in docs/vectors-format.md).
    static func normalised(_ key: String, _ value: String) -> (String, String)? {
        let name = key.lowercased()
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if ["sex", "gender", "face_gender"].contains(name) && key != "sex" { return ("sex", trimmed.lowercased()) }
        if ["ethnicity", "eth", "face_eth", "race", "region"].contains(name) && key != "ethnicity" {
            return ("ethnicity", trimmed.lowercased())
        }
        if ["age", "face_age"].contains(name), let age = Int(trimmed), age >= 0, age < 150 {
            let low = age / 10 * 10
            return ("ageBand", "\(low)-\(low + 9)")
        }
        return nil
    }

    static func readSubjectsCSV(_ source: URL, normalise: Bool, notes: inout [String]) throws(VectorsError)
        -> [String: [String: String]]
    {
        let url = source.appendingPathComponent("subjects.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        let table = try CSVTable(contentsOf: url)
        var result: [String: [String: String]] = [:]
        for row in table.rows {
            let id = row.fields[0]
            guard !id.isEmpty else {
                throw VectorsError(
                    .invalidSource, "line \(row.line): the subject id (first column) is empty",
                    file: url.path)
            }
            guard result[id] == nil else {
                throw VectorsError(
                    .invalidSource, "line \(row.line): subject \"\(id)\" is listed twice", file: url.path)
            }
            var attributes: [String: String] = [:]
            for (key, value) in zip(table.header.dropFirst(), row.fields.dropFirst()) where !value.isEmpty {
                attributes[key] = value
            }
            if normalise {
                for (key, value) in zip(table.header.dropFirst(), row.fields.dropFirst()) {
                    if let (name, text) = normalised(key, value), attributes[name] == nil { attributes[name] = text }
                }
            }
            result[id] = attributes
        }
        return result
    }

    static func readComparisonsCSV(_ url: URL, images: [SuiteManifest.Image]) throws(VectorsError)
        -> [SuiteManifest.ExplicitComparison]
    {
        let table = try CSVTable(contentsOf: url)
        let verification = try table.requireColumn("verification")
        let enrolment = try table.requireColumn("enrolment")
        let matedColumn = table.column("mated")
        var subjectByID: [String: String?] = [:]
        for image in images { subjectByID[image.id] = image.subject }
        var result: [SuiteManifest.ExplicitComparison] = []
        for row in table.rows {
            let v = row.fields[verification]
            let e = row.fields[enrolment]
            guard let vs = subjectByID[v], let es = subjectByID[e] else {
                throw VectorsError(
                    .invalidSource,
                    "line \(row.line): \"\(subjectByID[v] == nil ? v : e)\" is not an image id "
                        + "(ids are paths without .png, e.g. 001/001_03)", file: url.path)
            }
            var mated = vs != nil && vs == es
            if let matedColumn {
                switch row.fields[matedColumn].lowercased() {
                case "true", "1", "yes": mated = true
                case "false", "0", "no": mated = false
                case "": break
                default:
                    throw VectorsError(.invalidSource, "line \(row.line): mated must be true or false", file: url.path)
                }
            }
            result.append(.init(verification: v, enrolment: e, mated: mated))
        }
        return result
    }
}
