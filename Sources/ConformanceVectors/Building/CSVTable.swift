import Foundation

/// A small RFC 4180 CSV reader for the optional inputs of `vectors build`: comma-separated, fields optionally in
/// double quotes with `""` for a quote, LF or CRLF line ends, an optional UTF-8 byte order mark, a header row.
struct CSVTable {
    /// Header names, trimmed.
    let header: [String]
    /// Data rows with their 1-based line numbers in the file.
    let rows: [(line: Int, fields: [String])]
    let file: String

    /// Reads `url`.
    ///
    /// - Throws: ``VectorsError`` with ``VectorsError/Code/invalidSource`` naming the file and line.
    init(contentsOf url: URL) throws(VectorsError) {
        file = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw VectorsError(.io, "cannot read: \(error.localizedDescription)", file: url.path)
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw VectorsError(.invalidSource, "not UTF-8 text; save the CSV as UTF-8", file: url.path)
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var scalars = Array(text.unicodeScalars)
        scalars.append("\n")
        var index = 0
        var fieldWasQuoted = false
        while index < scalars.count {
            let c = scalars[index]
            if inQuotes {
                if c == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty && !fieldWasQuoted {
                inQuotes = true
                fieldWasQuoted = true
            } else if c == "," {
                fields.append(fieldWasQuoted ? field : field.trimmingCharacters(in: .whitespaces))
                field = ""
                fieldWasQuoted = false
            } else if c == "\n" || c == "\r" {
                if c == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                fields.append(fieldWasQuoted ? field : field.trimmingCharacters(in: .whitespaces))
                if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
                fields = []
                field = ""
                fieldWasQuoted = false
                line += 1
                recordLine = line
            } else {
                field.unicodeScalars.append(c)
            }
            index += 1
        }
        if inQuotes {
            throw VectorsError(
                .invalidSource, "line \(recordLine): a quoted field is never closed; close it with '\"'",
                file: url.path)
        }
        guard let first = records.first else {
            throw VectorsError(.invalidSource, "the file is empty; it needs a header row", file: url.path)
        }
        header = first.1
        for (line, row) in records.dropFirst() where row.count != header.count {
            throw VectorsError(
                .invalidSource, "line \(line) has \(row.count) fields but the header has \(header.count)",
                file: url.path)
        }
        rows = records.dropFirst().map { (line: $0.0, fields: $0.1) }
    }

    /// The index of the column named `name` (case-insensitive), or `nil`.
    func column(_ name: String) -> Int? { header.firstIndex { $0.lowercased() == name.lowercased() } }

    /// The index of a required column.
    func requireColumn(_ name: String) throws(VectorsError) -> Int {
        guard let index = column(name) else {
            throw VectorsError(
                .invalidSource, "the header has no \"\(name)\" column (it has \(header.joined(separator: ",")))",
                file: file)
        }
        return index
    }
}
