import ConformanceReports
import ConformanceRunner
import Foundation
import Testing

/// The writer's output against `docs/report.schema.json`: always with the structural checker in
/// `Support/MiniJSONSchema.swift`, and with Python's `jsonschema` (Draft 2020-12, formats checked) when the
/// `.venv-reports` venv exists.
struct ReportSchemaTests {
    static let schemaURL = ExternalTools.repositoryRoot.appendingPathComponent("docs/report.schema.json")

    func schema() throws -> JSONValue {
        try JSONValue.parse(try Data(contentsOf: Self.schemaURL))
    }

    func json(_ report: ConformanceReport) throws -> JSONValue {
        try JSONValue.parse(Data(try ReportWriter().render(report, as: .json).utf8))
    }

    @Test("every sample report.json conforms to docs/report.schema.json", arguments: SampleReports.all)
    func writerOutputConformsToSchema(sample: SampleReports.Named) throws {
        let problems = MiniJSONSchema(root: try schema()).validate(try json(sample.report))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("the schema checker catches a missing required field, an unknown field and a wrong enum value")
    func schemaCheckerCatchesViolations() throws {
        let checker = MiniJSONSchema(root: try schema())
        var document = try json(SampleReports.full)
        document["verdict"] = nil
        document["surprise"] = .integer(1)
        document["suite"]?["status"] = .string("final")
        let problems = checker.validate(document)
        #expect(problems.contains { $0.contains("$.verdict") && $0.contains("missing") })
        #expect(problems.contains { $0.contains("$.surprise") })
        #expect(problems.contains { $0.contains("$.suite.status") })
    }

    @Test("the schema documents every field the writer emits and no field it never emits")
    func schemaMatchesFieldsExactly() throws {
        guard case .object(let properties)? = try schema()["properties"],
            case .object(let document) = try json(SampleReports.full)
        else {
            Issue.record("schema properties or report are not JSON objects")
            return
        }
        #expect(Set(properties.keys) == Set(document.keys))
    }

    @Test(
        "every sample report.json passes Python jsonschema (Draft 2020-12)",
        .enabled(if: ExternalTools.hasVenv || ExternalTools.isCI, ExternalTools.venvMissing))
    func writerOutputPassesJSONSchemaLibrary() throws {
        #expect(ExternalTools.hasVenv, "\(ExternalTools.venvMissing)")
        let directory = try ExternalTools.temporaryDirectory("schema")
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for sample in SampleReports.all {
            let url = directory.appendingPathComponent("\(sample.name).json")
            try Data(try ReportWriter().render(sample.report, as: .json).utf8).write(to: url)
            files.append(url.path)
        }
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
            bad = 0
            for path in sys.argv[2:]:
                for error in validator.iter_errors(json.load(open(path))):
                    bad += 1
                    print(path, error.json_path, error.message)
            sys.exit(1 if bad else 0)
            """
        let result = try ExternalTools.run(
            ExternalTools.venvBinary("python"), ["-c", script, Self.schemaURL.path] + files)
        #expect(result.status == 0, "\(result.output)")
    }
}
