import Foundation
import Testing

/// Every shipped suite manifest and profile validates against its JSON Schema in docs/.
///
/// The validator below implements exactly the JSON Schema 2020-12 keywords the two schemas use, and refuses a
/// schema that uses any other keyword, so it cannot silently ignore a constraint. (CI machines are fresh, so the
/// check does not depend on Python's `jsonschema`.)
struct JSONSchemaTests {
    static let root = Fixtures.repositoryRoot

    static func load(_ url: URL) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url), options: [.fragmentsAllowed])
    }

    static func files(under folder: String, depth: Int) -> [URL] {
        let base = root.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return enumerator.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".json") && $0.split(separator: "/").count == depth }
            .sorted().map { base.appendingPathComponent($0) }
    }

    @Test func shippedSuitesValidate() throws {
        let schema = try MiniSchema(try Self.load(Self.root.appendingPathComponent("docs/suite.schema.json")))
        let suites = Self.files(under: "vectors", depth: 3)
        #expect(suites.count >= 2)
        for file in suites {
            let errors = schema.validate(try Self.load(file))
            #expect(errors.isEmpty, "\(file.path): \(errors.prefix(5))")
        }
    }

    @Test func shippedProfilesValidate() throws {
        let schema = try MiniSchema(try Self.load(Self.root.appendingPathComponent("docs/profile.schema.json")))
        let profiles = Self.files(under: "specs", depth: 2)
        #expect(profiles.count >= 5)
        for file in profiles {
            let errors = schema.validate(try Self.load(file))
            #expect(errors.isEmpty, "\(file.path): \(errors.prefix(5))")
        }
    }

    @Test(arguments: [
        #"{"schema":"facecert.profile/1"}"#,
        #"{"schema":"facecert.profile/1","id":"x","version":"1.0","status":"final","title":"t","source":{"document":"d"},"provenance":"p","requirements":[]}"#,
        #"{"schema":"facecert.profile/1","id":"x","version":"1.0.0","status":"final","title":"t","source":{"document":"d"},"provenance":"p","requirements":[{"id":"a","metric":"FMR","limit":2,"operatingPoint":{"kind":"declaredThreshold"},"confidence":0.9,"level":"shall","statement":"s"}]}"#,
        #"{"schema":"facecert.profile/1","id":"x","version":"1.0.0","status":"final","title":"t","source":{"document":"d"},"provenance":"p","requirements":[],"extra":true}"#,
    ])
    func validatorRejectsBrokenProfiles(text: String) throws {
        let schema = try MiniSchema(try Self.load(Self.root.appendingPathComponent("docs/profile.schema.json")))
        let document = try JSONSerialization.jsonObject(with: Data(text.utf8))
        #expect(!schema.validate(document).isEmpty)
    }

    @Test func validatorRejectsASuiteWithBothComparisonForms() throws {
        let schema = try MiniSchema(try Self.load(Self.root.appendingPathComponent("docs/suite.schema.json")))
        let suite = try #require(
            try Self.load(Self.root.appendingPathComponent("vectors/orl/1.0.0/suite.json")) as? [String: Any])
        var broken = suite
        broken["comparisons"] = [
            "protocol": ["pairing": "unordered", "mated": "all", "nonMated": ["mode": "all"]],
            "explicit": [] as [Any],
        ]
        #expect(!schema.validate(broken).isEmpty)
        var badHash = suite
        var images = try #require(suite["images"] as? [[String: Any]])
        images[0]["sha256"] = "XYZ"
        badHash["images"] = images
        #expect(!schema.validate(badHash).isEmpty)
    }
}

/// A JSON Schema subset: type, const, enum, required, properties, additionalProperties, items, minimum, maximum,
/// exclusiveMinimum, exclusiveMaximum, minLength, pattern, oneOf, $ref to #/$defs. Annotation keywords are ignored.
struct MiniSchema {
    static let supported: Set<String> = [
        "type", "const", "enum", "required", "properties", "additionalProperties", "items", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minLength", "pattern", "oneOf", "$ref",
    ]
    static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$defs"]

    struct UnsupportedKeyword: Error, CustomStringConvertible {
        let keyword: String
        var description: String { "the test validator does not implement \(keyword)" }
    }

    let root: [String: Any]

    init(_ schema: Any) throws {
        guard let root = schema as? [String: Any] else { throw UnsupportedKeyword(keyword: "non-object schema") }
        self.root = root
        try Self.checkKeywords(root)
    }

    static func checkKeywords(_ schema: [String: Any]) throws {
        for (key, value) in schema {
            guard supported.contains(key) || annotations.contains(key) else { throw UnsupportedKeyword(keyword: key) }
            switch key {
            case "properties", "$defs":
                for case let sub as [String: Any] in (value as? [String: Any] ?? [:]).values { try checkKeywords(sub) }
            case "items", "additionalProperties":
                if let sub = value as? [String: Any] { try checkKeywords(sub) }
            case "oneOf":
                for case let sub as [String: Any] in value as? [Any] ?? [] { try checkKeywords(sub) }
            default: break
            }
        }
    }

    func validate(_ value: Any) -> [String] {
        var errors: [String] = []
        check(value, root, "$", &errors)
        return errors
    }

    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return value is Bool }
        return String(cString: number.objCType) == "c"
    }

    static func number(_ value: Any) -> Double? {
        guard !isBool(value), !(value is String), let number = value as? NSNumber else { return nil }
        return number.doubleValue
    }

    static func typeMatches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "object": value is [String: Any]
        case "array": value is [Any]
        case "string": value is String
        case "boolean": isBool(value)
        case "null": value is NSNull
        case "number": number(value) != nil
        case "integer": number(value).map { $0.rounded() == $0 } ?? false
        default: false
        }
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        if let x = a as? String, let y = b as? String { return x == y }
        if let x = number(a), let y = number(b) { return x == y }
        if isBool(a) && isBool(b) { return (a as? Bool) == (b as? Bool) }
        return a is NSNull && b is NSNull
    }

    func resolve(_ reference: String) -> [String: Any] {
        let name = String(reference.dropFirst("#/$defs/".count))
        return (root["$defs"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    func check(_ value: Any, _ schema: [String: Any], _ path: String, _ errors: inout [String]) {
        if let reference = schema["$ref"] as? String { check(value, resolve(reference), path, &errors) }
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [(type as? String) ?? ""]
            if !types.contains(where: { Self.typeMatches(value, $0) }) {
                errors.append("\(path): expected \(types.joined(separator: "|"))")
                return
            }
        }
        if let constant = schema["const"], !Self.equal(value, constant) { errors.append("\(path): not \(constant)") }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal(value, $0) }) {
            errors.append("\(path): not one of \(options)")
        }
        if let number = Self.number(value) {
            if let minimum = schema["minimum"].flatMap(Self.number), number < minimum { errors.append("\(path) < min") }
            if let maximum = schema["maximum"].flatMap(Self.number), number > maximum { errors.append("\(path) > max") }
            if let minimum = schema["exclusiveMinimum"].flatMap(Self.number), number <= minimum {
                errors.append("\(path) <= exclusive min")
            }
            if let maximum = schema["exclusiveMaximum"].flatMap(Self.number), number >= maximum {
                errors.append("\(path) >= exclusive max")
            }
        }
        if let text = value as? String {
            if let minimum = schema["minLength"].flatMap(Self.number), Double(text.count) < minimum {
                errors.append("\(path): too short")
            }
            if let pattern = schema["pattern"] as? String {
                let matched =
                    (try? NSRegularExpression(pattern: pattern))?.firstMatch(
                        in: text, range: NSRange(text.startIndex..., in: text)) != nil
                if !matched { errors.append("\(path): \"\(text)\" does not match \(pattern)") }
            }
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                errors.append("\(path): missing \(key)")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, member) in object {
                if let sub = properties[key] as? [String: Any] {
                    check(member, sub, "\(path).\(key)", &errors)
                } else if let additional = schema["additionalProperties"] {
                    if let sub = additional as? [String: Any] {
                        check(member, sub, "\(path).\(key)", &errors)
                    } else if Self.isBool(additional), (additional as? Bool) == false {
                        errors.append("\(path): unexpected property \(key)")
                    }
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() { check(element, items, "\(path)[\(index)]", &errors) }
        }
        if let options = schema["oneOf"] as? [Any] {
            let passing = options.compactMap { $0 as? [String: Any] }.filter { option in
                var sub: [String] = []
                check(value, option, path, &sub)
                return sub.isEmpty
            }
            if passing.count != 1 { errors.append("\(path): matches \(passing.count) of oneOf, needs exactly 1") }
        }
    }
}
