import BiometricMetrics
import Foundation

/// A score file read into mated and non-mated scores plus failed comparisons, for `facecert score`.
///
/// Formats (bob.measure's and a plain CSV):
/// - `bob4`: `claimed_id real_id test_label score`, whitespace-separated; mated iff `claimed_id == real_id`.
/// - `bob5`: `claimed_id model_label real_id test_label score`; mated iff `claimed_id == real_id`.
/// - `csv`: `verification,enrolment,mated,score` with an optional header line of exactly those names; `mated` is
///   `true`/`false`/`1`/`0`/`yes`/`no`; an empty or `NaN` score is a failed comparison.
///
/// In the bob formats a `nan` score is also a failed comparison. Every other malformed line (wrong column count,
/// unparsable or infinite score, unknown `mated` value) is an error naming the file and line: nothing is dropped
/// silently. Blank lines are skipped.
struct ScoreFile {
    enum Format: String, CaseIterable {
        case bob4, bob5, csv
    }

    /// A problem in the file, with its location.
    struct ReadError: Error, CustomStringConvertible {
        var file: String
        var line: Int?
        var message: String
        var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
    }

    var mated: [Double] = []
    var nonMated: [Double] = []
    var failures = ComparisonFailures.none
    var format: Format
    /// Every comparison with its subjects (bob formats only, when asked for): for the subjects bootstrap.
    var comparisons: [SubjectComparison] = []
    /// How many distinct subjects the file names (bob formats: claimed_id and real_id); `nil` for csv, whose
    /// columns name samples, not subjects.
    var subjectCount: Int?
    private var keepComparisons = false
    private var subjectNumbers: [Substring: Int] = [:]
    private var subjectIDs: Set<Substring> = []

    /// Reads `path`; `format` nil means: `.csv` extension → csv, else bob4 or bob5 by the first line's columns.
    init(contentsOf path: String, format: Format?, keepComparisons: Bool = false) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(file: path, line: nil, message: "cannot read the file; check the path and permissions")
        }
        try self.init(
            text: String(decoding: data, as: UTF8.self), name: path, format: format, keepComparisons: keepComparisons)
    }

    /// Parses `text`; `keepComparisons` also records subjects per comparison (bob formats: claimed_id is the
    /// enrolled subject, real_id the probe's).
    init(text: String, name: String, format requested: Format?, keepComparisons: Bool = false) throws {
        self.keepComparisons = keepComparisons
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().lazy.map {
            (number: $0.offset + 1, text: $0.element.hasSuffix("\r") ? $0.element.dropLast() : $0.element)
        }.filter { !$0.text.allSatisfy(\.isWhitespace) }.makeIterator()
        guard let first = lines.next() else {
            throw ReadError(file: name, line: nil, message: "no scores in the file")
        }
        let format: Format
        if let requested {
            format = requested
        } else if name.lowercased().hasSuffix(".csv") || first.text.contains(",") {
            format = .csv
        } else {
            switch first.text.split(whereSeparator: \.isWhitespace).count {
            case 4: format = .bob4
            case 5: format = .bob5
            case let columns:
                throw ReadError(
                    file: name, line: first.number,
                    message: "cannot tell the format from \(columns) columns; pass --format bob4, bob5 or csv")
            }
        }
        self.format = format
        if keepComparisons, format == .csv {
            throw ReadError(
                file: name, line: nil,
                message: "the subjects bootstrap needs subject ids: CSV columns name samples, not subjects; use a "
                    + "bob4 or bob5 file")
        }
        var pending: (number: Int, text: Substring)? = first
        if format == .csv, Self.isCSVHeader(first.text) { pending = lines.next() }
        while let line = pending {
            try read(line.text, number: line.number, file: name)
            pending = lines.next()
        }
        if mated.isEmpty, nonMated.isEmpty, failures == .none {
            throw ReadError(file: name, line: nil, message: "no scores in the file")
        }
        subjectCount = format == .csv ? nil : subjectIDs.count
        subjectIDs = []
    }

    private static func isCSVHeader(_ line: Substring) -> Bool {
        line.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } == ["verification", "enrolment", "mated", "score"]
    }

    private mutating func read(_ line: Substring, number: Int, file: String) throws {
        func fail(_ message: String) -> ReadError { ReadError(file: file, line: number, message: message) }
        let isMated: Bool
        let scoreText: Substring
        var subjects: (probe: Substring, reference: Substring)?
        switch format {
        case .bob4, .bob5:
            let columns = line.split(whereSeparator: \.isWhitespace)
            let expected = format == .bob4 ? 4 : 5
            guard columns.count == expected else {
                let names =
                    format == .bob4
                    ? "claimed_id real_id test_label score" : "claimed_id model_label real_id test_label score"
                throw fail("expected \(expected) columns (\(names)), found \(columns.count)")
            }
            isMated = columns[0] == columns[format == .bob4 ? 1 : 2]
            scoreText = columns[expected - 1]
            subjects = (columns[format == .bob4 ? 1 : 2], columns[0])
        case .csv:
            let columns = line.split(separator: ",", omittingEmptySubsequences: false)
            guard columns.count == 4 else {
                throw fail(
                    "expected 4 comma-separated columns (verification,enrolment,mated,score), found \(columns.count)")
            }
            switch columns[2].trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1", "yes": isMated = true
            case "false", "0", "no": isMated = false
            case let other: throw fail("mated must be true or false (or 1/0, yes/no), found \"\(other)\"")
            }
            scoreText = Substring(columns[3].trimmingCharacters(in: .whitespaces))
        }
        if scoreText.isEmpty || scoreText.lowercased() == "nan" {
            if isMated { failures.mated += 1 } else { failures.nonMated += 1 }
            record(subjects, score: nil)
            return
        }
        guard let score = Double(scoreText) else {
            throw fail("score \"\(scoreText)\" is not a number")
        }
        guard score.isFinite else {
            throw fail("score \(scoreText) is not finite; leave the score empty or NaN for a failed comparison")
        }
        if isMated { mated.append(score) } else { nonMated.append(score) }
        record(subjects, score: score)
    }

    private mutating func record(_ subjects: (probe: Substring, reference: Substring)?, score: Double?) {
        guard let subjects else { return }
        subjectIDs.insert(subjects.probe)
        subjectIDs.insert(subjects.reference)
        guard keepComparisons else { return }
        func number(_ id: Substring) -> Int {
            if let known = subjectNumbers[id] { return known }
            let next = subjectNumbers.count
            subjectNumbers[id] = next
            return next
        }
        comparisons.append(
            SubjectComparison(
                probeSubject: number(subjects.probe), referenceSubject: number(subjects.reference), score: score))
    }
}
