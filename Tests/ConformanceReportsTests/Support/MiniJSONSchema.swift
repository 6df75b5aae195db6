import Foundation

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
