import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `junit.xml` as Foundation's `XMLParser` reads it: the root totals, each suite's totals and its cases.
final class JUnitDocument: NSObject, XMLParserDelegate {
    struct TestCase {
        var suite: String
        var name: String
        /// `failure`, `error`, `skipped` or nil for a pass.
        var outcome: String?
        var outcomeType: String?
        var message: String?
        var body = ""
        var systemOut = ""
    }

    var rootAttributes: [String: String] = [:]
    var suiteAttributes: [[String: String]] = []
    var properties: [String: String] = [:]
    var cases: [TestCase] = []
    private var currentSuite = ""
    private var textTarget: String?
    private(set) var parseError: String?

    static func parse(_ text: String) -> JUnitDocument {
        let document = JUnitDocument()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = document
        if !parser.parse() {
            document.parseError =
                "\(parser.parserError.map { "\($0)" } ?? "unknown error") at line \(parser.lineNumber)"
        }
        return document
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "testsuites": rootAttributes = attributes
        case "testsuite":
            suiteAttributes.append(attributes)
            currentSuite = attributes["name"] ?? ""
        case "property": properties[attributes["name"] ?? ""] = attributes["value"]
        case "testcase": cases.append(TestCase(suite: currentSuite, name: attributes["name"] ?? ""))
        case "failure", "error", "skipped":
            cases[cases.count - 1].outcome = elementName
            cases[cases.count - 1].outcomeType = attributes["type"]
            cases[cases.count - 1].message = attributes["message"]
            textTarget = "body"
        case "system-out": textTarget = "out"
        default: break
        }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        if ["failure", "error", "skipped", "system-out"].contains(elementName) { textTarget = nil }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !cases.isEmpty else { return }
        switch textTarget {
        case "body": cases[cases.count - 1].body += string
        case "out": cases[cases.count - 1].systemOut += string
        default: break
        }
    }

    func count(_ outcome: String?) -> Int { cases.filter { $0.outcome == outcome }.count }
}
