/// Builds the JSON paths (`$.images[3].sha256`) that every diagnostic carries, and turns a `DecodingError` into
/// one message with a path.
enum JSONPath {
    static func render(_ codingPath: [any CodingKey]) -> String {
        var text = "$"
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += "." + key.stringValue }
        }
        return text
    }

    /// The path and a message for a `DecodingError`, in the vocabulary of the file format.
    static func describe(_ error: DecodingError) -> (path: String, message: String, code: VectorsError.Code) {
        switch error {
        case .keyNotFound(let key, let context):
            let path = render(context.codingPath + [key])
            return (path, "required field \"\(key.stringValue)\" is missing; add it", .missingField)
        case .typeMismatch(let type, let context):
            return (
                render(context.codingPath), "expected \(jsonTypeName(type)) here; \(context.debugDescription)",
                .missingField
            )
        case .valueNotFound(let type, let context):
            return (render(context.codingPath), "expected \(jsonTypeName(type)), found null", .missingField)
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return ("$", "not valid JSON: \(context.debugDescription)", .malformedJSON)
            }
            return (render(context.codingPath), context.debugDescription, .invalidValue)
        @unknown default:
            return ("$", "\(error)", .malformedJSON)
        }
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is UInt64.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        default: "a value of type \(type)"
        }
    }
}
