import BiometricMetrics
import Foundation

/// The wire format of a profile file, `facecert.profile/1`, exactly as stored (enumerations as strings so a
/// loader can name the JSON path of a bad value).
public struct ProfileFile: Sendable, Hashable, Codable {
    /// The only format version this build reads.
    public static let schemaIdentifier = "facecert.profile/1"

    public var schema: String
    public var id: String
    public var version: String
    public var status: String
    public var title: String
    public var source: ProfileSource
    public var provenance: String
    public var reportingOnly: Bool?
    public var requirements: [Requirement]
    public var reported: [Reported]?
    public var minimumSampleSizes: MinimumSampleSizes?
    public var timeLimits: TimeLimits?
    public var imageRequirements: ImageRequirements?

    public struct OperatingPointSpec: Sendable, Hashable, Codable {
        /// `declaredThreshold` or `fmrTarget`.
        public var kind: String
        /// The target FMR, for `fmrTarget`.
        public var fmr: Double?
    }

    public struct Requirement: Sendable, Hashable, Codable {
        public var id: String
        public var metric: String
        public var limit: Double
        /// `true` (default) for "≤ limit", `false` for "< limit".
        public var limitInclusive: Bool?
        public var operatingPoint: OperatingPointSpec
        public var confidence: Double
        public var level: String
        public var statement: String
    }

    public struct Reported: Sendable, Hashable, Codable {
        public var id: String
        public var metric: String
        public var operatingPoint: OperatingPointSpec
    }
}

extension ThresholdProfile {
    /// Reads and validates a profile file.
    ///
    /// - Parameter url: The `specs/<id>/<version>.json` file.
    /// - Returns: The validated profile.
    /// - Throws: ``VectorsError`` naming the file, the JSON path and what to do: unknown schema, unknown metric
    ///   (with the supported list), limits or confidence out of range, duplicate requirement ids, a file whose
    ///   name or folder disagrees with its id and version.
    public static func load(from url: URL) throws(VectorsError) -> ThresholdProfile {
        let file = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw VectorsError(.io, "cannot read the profile: \(error.localizedDescription)", file: file)
        }
        guard data.count <= 4 << 20 else {
            throw VectorsError(.tooLarge, "a profile larger than 4 MiB is not plausible", file: file)
        }
        struct Probe: Decodable { var schema: String? }
        let probe: Probe
        do { probe = try JSONDecoder().decode(Probe.self, from: data) } catch {
            throw VectorsError(
                .malformedJSON, "not a JSON object: \(error.localizedDescription); fix the JSON syntax", file: file,
                jsonPath: "$")
        }
        guard probe.schema == ProfileFile.schemaIdentifier else {
            throw VectorsError(
                probe.schema == nil ? .missingField : .unsupportedSchema,
                "schema is \(probe.schema.map { "\"\($0)\"" } ?? "missing"); this facecert reads "
                    + "\"\(ProfileFile.schemaIdentifier)\" only", file: file, jsonPath: "$.schema")
        }
        let raw: ProfileFile
        do { raw = try JSONDecoder().decode(ProfileFile.self, from: data) } catch let error as DecodingError {
            let (path, message, code) = JSONPath.describe(error)
            throw VectorsError(code, message, file: file, jsonPath: path)
        } catch {
            throw VectorsError(.malformedJSON, "\(error)", file: file, jsonPath: "$")
        }
        return try validate(raw, url: url)
    }

    static func operatingPoint(_ spec: ProfileFile.OperatingPointSpec, file: String, path: String)
        throws(VectorsError) -> OperatingPoint
    {
        switch spec.kind {
        case "declaredThreshold":
            return .declaredThreshold
        case "fmrTarget":
            guard let fmr = spec.fmr, fmr > 0, fmr < 1 else {
                throw VectorsError(
                    .invalidValue, "an fmrTarget operating point needs \"fmr\" strictly between 0 and 1", file: file,
                    jsonPath: path + ".fmr")
            }
            return .fmrTarget(fmr)
        default:
            throw VectorsError(
                .invalidValue, "unknown operating point \"\(spec.kind)\"; use \"declaredThreshold\" or \"fmrTarget\"",
                file: file, jsonPath: path + ".kind")
        }
    }

    static func metric(_ name: String, file: String, path: String) throws(VectorsError) -> ErrorMetric {
        guard let metric = ErrorMetric(rawValue: name) else {
            throw VectorsError(
                .unknownMetric,
                "unknown metric \"\(name)\"; this facecert supports "
                    + ErrorMetric.allCases.map(\.rawValue).joined(separator: ", ")
                    + " (use a newer facecert for later metrics)", file: file, jsonPath: path)
        }
        return metric
    }

    static func validate(_ raw: ProfileFile, url: URL) throws(VectorsError) -> ThresholdProfile {
        let file = url.path
        guard Identifiers.isValid(raw.id) else {
            throw VectorsError(
                .invalidValue, "profile id \"\(raw.id)\" is not valid; use lowercase letters, digits, '.', '_', '-'",
                file: file, jsonPath: "$.id")
        }
        guard let version = SemanticVersion(raw.version) else {
            throw VectorsError(
                .invalidVersion, "\"\(raw.version)\" is not a semantic version such as 1.0.0", file: file,
                jsonPath: "$.version")
        }
        guard let status = ProfileStatus(rawValue: raw.status) else {
            throw VectorsError(
                .invalidValue, "unknown status \"\(raw.status)\"; use draft, final or withdrawn", file: file,
                jsonPath: "$.status")
        }
        let expectedName = "\(raw.version).json"
        if url.lastPathComponent != expectedName || url.deletingLastPathComponent().lastPathComponent != raw.id {
            throw VectorsError(
                .invalidValue,
                "the file says \(raw.id)@\(raw.version) but is stored as "
                    + "\(url.deletingLastPathComponent().lastPathComponent)/\(url.lastPathComponent); store it as "
                    + "specs/\(raw.id)/\(expectedName)", file: file, jsonPath: "$.id")
        }
        var requirements: [ProfileRequirement] = []
        var seen = Set<String>()
        for (index, requirement) in raw.requirements.enumerated() {
            let path = "$.requirements[\(index)]"
            guard !requirement.id.isEmpty, seen.insert(requirement.id).inserted else {
                throw VectorsError(
                    .duplicateID, "requirement id \"\(requirement.id)\" is empty or used twice; give each its own",
                    file: file, jsonPath: path + ".id")
            }
            let metric = try metric(requirement.metric, file: file, path: path + ".metric")
            guard requirement.limit.isFinite, requirement.limit >= 0, requirement.limit <= 1 else {
                throw VectorsError(
                    .invalidValue,
                    "limit \(requirement.limit) is not a rate; give a fraction in [0, 1] "
                        + "(1:10,000 is 0.0001)", file: file, jsonPath: path + ".limit")
            }
            guard requirement.confidence > 0, requirement.confidence < 1 else {
                throw VectorsError(
                    .invalidValue,
                    "confidence \(requirement.confidence) must be strictly between 0 and 1 "
                        + "(0.8 for 80 %)", file: file, jsonPath: path + ".confidence")
            }
            guard let level = NormativeLevel(rawValue: requirement.level) else {
                throw VectorsError(
                    .invalidValue, "unknown level \"\(requirement.level)\"; use shall or should", file: file,
                    jsonPath: path + ".level")
            }
            let point = try operatingPoint(requirement.operatingPoint, file: file, path: path + ".operatingPoint")
            if case .fmrTarget = point, metric == .fmr || metric == .far {
                throw VectorsError(
                    .invalidValue,
                    "a limit on \(metric.rawValue) at a threshold chosen to reach a target FMR is "
                        + "met by construction; use operating point declaredThreshold", file: file,
                    jsonPath: path + ".operatingPoint")
            }
            requirements.append(
                ProfileRequirement(
                    id: requirement.id, metric: metric, limit: requirement.limit,
                    limitInclusive: requirement.limitInclusive ?? true, operatingPoint: point,
                    confidence: requirement.confidence, level: level, statement: requirement.statement))
        }
        var reported: [ReportedMetric] = []
        for (index, item) in (raw.reported ?? []).enumerated() {
            let path = "$.reported[\(index)]"
            guard !item.id.isEmpty, seen.insert(item.id).inserted else {
                throw VectorsError(
                    .duplicateID, "id \"\(item.id)\" is empty or used twice", file: file, jsonPath: path + ".id")
            }
            reported.append(
                ReportedMetric(
                    id: item.id, metric: try metric(item.metric, file: file, path: path + ".metric"),
                    operatingPoint: try operatingPoint(item.operatingPoint, file: file, path: path + ".operatingPoint"))
            )
        }
        let reportingOnly = raw.reportingOnly ?? false
        if reportingOnly && !requirements.isEmpty {
            throw VectorsError(
                .invalidValue, "a reporting-only profile must not have requirements; move them to \"reported\"",
                file: file, jsonPath: "$.requirements")
        }
        if !reportingOnly && requirements.isEmpty {
            throw VectorsError(
                .missingField, "the profile has no requirement; add one or set \"reportingOnly\": true", file: file,
                jsonPath: "$.requirements")
        }
        let minimums = raw.minimumSampleSizes ?? MinimumSampleSizes()
        for (name, value) in [
            ("subjects", minimums.subjects), ("matedComparisons", minimums.matedComparisons),
            ("nonMatedComparisons", minimums.nonMatedComparisons),
        ]
        where (value ?? 0) < 0 {
            throw VectorsError(
                .invalidValue, "a minimum sample size cannot be negative", file: file,
                jsonPath: "$.minimumSampleSizes.\(name)")
        }
        return ThresholdProfile(
            id: raw.id, version: version, status: status, title: raw.title, source: raw.source,
            provenance: raw.provenance, reportingOnly: reportingOnly, requirements: requirements, reported: reported,
            minimumSampleSizes: minimums, timeLimits: raw.timeLimits, imageRequirements: raw.imageRequirements,
            fileURL: url)
    }
}
