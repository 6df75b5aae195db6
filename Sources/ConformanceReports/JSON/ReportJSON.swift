import ConformanceRunner
import Foundation

/// The `report.json` encoding: pretty-printed, keys sorted, ISO 8601 UTC dates, so equal reports give equal bytes.
enum ReportJSON {
    /// The encoder every `report.json` is written with.
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601Text.format(date))
        }
        return encoder
    }

    /// The decoder the reader uses: accepts ISO 8601 dates with or without fractional seconds and with offsets.
    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601Text.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\"\(text)\" is not an ISO 8601 date-time such as 2026-01-31T12:00:00Z")
            }
            return date
        }
        return decoder
    }

    /// Renders `report` as the text of `report.json`, ending in a line feed.
    ///
    /// - Throws: ``ReportError/Code/notEncodable`` naming the JSON path of a NaN or infinite number.
    static func render(_ report: ConformanceReport) throws(ReportError) -> String {
        let data: Data
        do {
            data = try makeEncoder().encode(report)
        } catch let error as EncodingError {
            switch error {
            case .invalidValue(let value, let context):
                throw ReportError(
                    code: .notEncodable,
                    message: "cannot write report.json: \(value) at \(jsonPath(context.codingPath)) is not a finite "
                        + "number; JSON has no NaN or infinity, so the runner must record such a rate as absent",
                    cause: context.debugDescription)
            @unknown default:
                throw ReportError(code: .notEncodable, message: "cannot write report.json", cause: "\(error)")
            }
        } catch {
            throw ReportError(code: .notEncodable, message: "cannot write report.json", cause: "\(error)")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A coding path as a JSON path: `$.requirements[2].upper`.
    static func jsonPath(_ path: [any CodingKey]) -> String {
        var out = "$"
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += ".\(key.stringValue)"
            }
        }
        return out
    }
}
