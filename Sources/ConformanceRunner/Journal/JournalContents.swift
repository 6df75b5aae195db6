import Foundation

/// Everything a journal holds, read back: the parameters, each template outcome, each comparison result, the
/// timings and the failure details.
///
/// The first record for a template slot or comparison wins; a torn tail is ignored (``validLength`` says where the
/// trusted part ends).
struct JournalContents: Sendable {
    static let notDone: UInt8 = 0xFF

    var parameters: RunParameters
    /// Template outcomes by slot raw value.
    var templates: [Int: TemplateRecord]
    /// Per comparison index: a ``ComparisonStatus`` raw value, or ``notDone``.
    var status: [UInt8]
    /// Per comparison index: the score when ``status`` says scored, else 0.
    var scores: [Double]
    /// `(pairs sent, seconds)` per comparison batch.
    var batches: [(sent: Int, seconds: Double)]
    var failures: [Int: ComparisonFailureRecord]
    /// One record per process that worked on the run and ended cleanly.
    var sessions: [SessionRecord]
    /// Plugin faults outside any call (start, restart), in the order journalled.
    var pluginFaults: [ConformanceReport.FaultRecord] = []
    var validLength: Int
    var totalLength: Int

    /// The number of comparisons with a result (scored or failed).
    var comparisonsDone: Int { status.reduce(0) { $0 + ($1 == Self.notDone ? 0 : 1) } }

    /// Reads a journal file.
    ///
    /// - Parameters:
    ///   - path: The journal file.
    ///   - keepTemplateBytes: Whether to keep the template bytes (resuming needs them; reports do not).
    /// - Throws: ``RunError`` `.journalUnreadable` when the file is missing or has no valid parameters chunk.
    /// - Complexity: O(file size).
    static func load(path: String, keepTemplateBytes: Bool) throws(RunError) -> JournalContents {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RunError(.journalUnreadable, "cannot read the journal \(path): \(error.localizedDescription)")
        }
        var contents: JournalContents?
        var failure: RunError?
        var malformed = false
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var count = 0
            let validLength = JournalChunk.visit(raw) { kind, payload in
                guard failure == nil, !malformed else { return }
                if contents == nil {
                    guard kind == .parameters else {
                        failure = RunError(
                            .journalUnreadable,
                            "\(path) is not a facecert journal (no valid parameters record at its start); remove it "
                                + "or choose another output folder")
                        return
                    }
                    let parameters: RunParameters
                    do {
                        parameters = try JSONDecoder.journal.decode(RunParameters.self, from: Data(payload))
                    } catch {
                        failure = RunError(.journalUnreadable, "\(path): the parameters record does not decode: \(error)")
                        return
                    }
                    guard parameters.schema == RunParameters.schemaIdentifier else {
                        failure = RunError(
                            .journalUnreadable,
                            "\(path) uses journal schema \(parameters.schema); this facecert reads "
                                + RunParameters.schemaIdentifier)
                        return
                    }
                    count = parameters.comparisonCount
                    contents = JournalContents(
                        parameters: parameters, templates: [:], status: [UInt8](repeating: notDone, count: count),
                        scores: [Double](repeating: 0, count: count), batches: [], failures: [:], sessions: [],
                        validLength: 0, totalLength: raw.count)
                    return
                }
                switch kind {
                case .parameters:
                    malformed = true
                case .template:
                    guard var record = TemplateRecord(decoding: Array(payload)) else {
                        malformed = true
                        return
                    }
                    if !keepTemplateBytes { record.template = [] }
                    if contents?.templates[record.slot.rawValue] == nil {
                        contents?.templates[record.slot.rawValue] = record
                    }
                case .scoreBatch:
                    guard var current = contents else { return }
                    contents = nil  // keep the arrays uniquely referenced while they are filled
                    let decoded = current.status.withUnsafeMutableBufferPointer { status in
                        current.scores.withUnsafeMutableBufferPointer { scores in
                            ScoreBatch.decode(payload) { record in
                                guard record.index < count else {
                                    malformed = true
                                    return
                                }
                                if status[record.index] == notDone {
                                    status[record.index] = record.status.rawValue
                                    scores[record.index] = record.score
                                }
                            }
                        }
                    }
                    if let decoded { current.batches.append(decoded) } else { malformed = true }
                    contents = current
                case .comparisonFailure:
                    guard let record = try? JSONDecoder.journal.decode(ComparisonFailureRecord.self, from: Data(payload))
                    else {
                        malformed = true
                        return
                    }
                    contents?.failures[record.index] = record
                case .session:
                    guard let record = try? JSONDecoder.journal.decode(SessionRecord.self, from: Data(payload)) else {
                        malformed = true
                        return
                    }
                    contents?.sessions.append(record)
                case .pluginFault:
                    guard
                        let record = try? JSONDecoder.journal.decode(
                            ConformanceReport.FaultRecord.self, from: Data(payload))
                    else {
                        malformed = true
                        return
                    }
                    contents?.pluginFaults.append(record)
                }
            }
            contents?.validLength = validLength
        }
        if let failure { throw failure }
        guard let contents else {
            throw RunError(
                .journalUnreadable,
                "\(path) is not a facecert journal (no valid parameters record at its start); remove it or choose "
                    + "another output folder")
        }
        if malformed {
            throw RunError(
                .journalUnreadable,
                "\(path) has checksummed records that do not decode: it was written by another program or version")
        }
        return contents
    }
}

extension JSONDecoder {
    static var journal: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension JSONEncoder {
    static var journal: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
