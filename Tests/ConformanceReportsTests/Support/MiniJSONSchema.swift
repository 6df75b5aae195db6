import Foundation

/// A JSON value that keeps booleans, integers and other numbers apart (JSONSerialization's NSNumber does not
/// on every platform).
indirect enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int64.self) {
            self = .integer(i)
        } else if let u = try? container.decode(UInt64.self) {
            self = .unsigned(u)
        } else if let d = try? container.decode(Double.self) {
            self = .number(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer, .unsigned: "integer"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    var double: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .unsigned(let u): Double(u)
        case .number(let d): d
        default: nil
        }
    }

    subscript(key: String) -> JSONValue? {
        get { if case .object(let o) = self { o[key] } else { nil } }
        set {
            guard case .object(var o) = self else { return }
            o[key] = newValue
            self = .object(o)
        }
    }
}

/// A small JSON Schema checker for the subset `docs/report.schema.json` uses: `type`, `properties`, `required`,
/// `additionalProperties: false`, `items`, `minItems`, `enum`, `pattern`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `exclusiveMaximum` and local `$ref` into `$defs`. Unknown keywords are ignored.
struct MiniJSONSchema {
    var root: JSONValue

    /// Every violation, as `JSON path: problem`.
    func validate(_ value: JSONValue) -> [String] {
        var problems: [String] = []
        check(value, against: root, path: "$", problems: &problems)
        return problems
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        guard case .string(let ref)? = schema["$ref"], ref.hasPrefix("#/$defs/"),
            let target = root["$defs"]?[String(ref.dropFirst("#/$defs/".count))]
        else { return schema }
        return resolve(target)
    }

    private func check(_ value: JSONValue, against unresolved: JSONValue, path: String, problems: inout [String]) {
        let schema = resolve(unresolved)
        if case .string(let type)? = schema["type"] {
            let actual = value.typeName
            if !(actual == type || (type == "number" && actual == "integer")) {
                problems.append("\(path): expected \(type), found \(actual)")
                return
            }
        }
        if case .array(let options)? = schema["enum"], !options.contains(value) {
            problems.append("\(path): \(value) is not one of the allowed values")
        }
        if case .string(let pattern)? = schema["pattern"], case .string(let text) = value,
            text.range(of: pattern, options: .regularExpression) == nil
        {
            problems.append("\(path): \"\(text)\" does not match \(pattern)")
        }
        if let x = value.double {
            if let minimum = schema["minimum"]?.double, x < minimum { problems.append("\(path): \(x) < \(minimum)") }
            if let maximum = schema["maximum"]?.double, x > maximum { problems.append("\(path): \(x) > \(maximum)") }
            if let bound = schema["exclusiveMinimum"]?.double, x <= bound {
                problems.append("\(path): \(x) <= \(bound)")
            }
            if let bound = schema["exclusiveMaximum"]?.double, x >= bound {
                problems.append("\(path): \(x) >= \(bound)")
            }
        }
        if case .object(let object) = value {
            let properties: [String: JSONValue]
            if case .object(let p)? = schema["properties"] { properties = p } else { properties = [:] }
            if case .array(let required)? = schema["required"] {
                for case .string(let key) in required where object[key] == nil {
                    problems.append("\(path).\(key): required field missing")
                }
            }
            for (key, child) in object.sorted(by: { $0.key < $1.key }) {
                if let childSchema = properties[key] {
                    check(child, against: childSchema, path: "\(path).\(key)", problems: &problems)
                } else if schema["additionalProperties"] == .bool(false) {
                    problems.append("\(path).\(key): field not in the schema")
                }
            }
        }
        if case .array(let array) = value {
            if let minItems = schema["minItems"]?.double, Double(array.count) < minItems {
                problems.append("\(path): \(array.count) items, fewer than \(Int(minItems))")
            }
            if let items = schema["items"] {
                for (index, element) in array.enumerated() {
                    check(element, against: items, path: "\(path)[\(index)]", problems: &problems)
                }
            }
        }
    }
}
