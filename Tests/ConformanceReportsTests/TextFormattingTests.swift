import Foundation
import Testing

@testable import ConformanceReports

struct TextFormattingTests {
    @Test(
        "rates read as percentages with three significant digits and no exponent",
        arguments: [
            (0.0, "0 %"), (1.0, "100 %"), (0.5, "50 %"), (0.0235, "2.35 %"), (0.00082, "0.082 %"),
            (0.000979, "0.0979 %"), (1e-5, "0.001 %"), (1e-8, "0.000001 %"), (0.123456, "12.3 %"),
            (0.99999, "99.999 %"), (0.0099999, "1 %"),
        ])
    func percent(rate: Double, text: String) {
        #expect(NumberText.percent(rate) == text)
    }

    @Test("integers are grouped by thousands", arguments: [(0, "0"), (999, "999"), (1000, "1,000"),
                                                           (1234567, "1,234,567"), (-45000, "-45,000")])
    func grouped(n: Int, text: String) {
        #expect(NumberText.grouped(n) == text)
    }

    @Test("durations pick a unit", arguments: [(0.0, "0 s"), (0.0000085, "8.5 µs"), (0.0123, "12.3 ms"),
                                              (5.0, "5 s"), (754.25, "12 min 34 s")])
    func duration(seconds: Double, text: String) {
        #expect(NumberText.duration(seconds) == text)
    }

    @Test("ISO 8601 text is UTC with milliseconds only when needed, and parses back")
    func iso8601() throws {
        let whole = Date(timeIntervalSince1970: 0)
        #expect(ISO8601Text.format(whole) == "1970-01-01T00:00:00Z")
        let fraction = Date(timeIntervalSince1970: 1.5)
        #expect(ISO8601Text.format(fraction) == "1970-01-01T00:00:01.500Z")
        #expect(ISO8601Text.parse("1970-01-01T00:00:01.500Z") == fraction)
        #expect(ISO8601Text.parse("1970-01-01T01:00:00+01:00") == whole)
        #expect(ISO8601Text.parse("yesterday") == nil)
    }

    @Test("XML escaping handles the five specials, newlines in attributes and forbidden characters")
    func xmlEscaping() {
        #expect(MarkupEscaping.xml("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(MarkupEscaping.xml("a\nb\tc", attribute: true) == "a&#10;b&#9;c")
        #expect(MarkupEscaping.xml("a\nb") == "a\nb")
        #expect(MarkupEscaping.xml("\u{0}\u{1B}\u{7F}\u{FFFE}ok😀") == "\\u{0}\\u{1B}\\u{7F}\\u{FFFE}ok😀")
    }

    @Test("Markdown escaping neutralises markup and keeps one line")
    func markdownEscaping() {
        #expect(MarkupEscaping.markdown("*a* _b_ `c` [d](e) <f> g|h\ni") == "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> g\\|h i")
        #expect(MarkupEscaping.markdown("plain 1.0-beta") == "plain 1.0-beta")
    }

    @Test("terminal text has no control characters")
    func terminalEscaping() {
        let text = MarkupEscaping.terminal("red \u{1B}[31m\r\u{7}")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 })
        #expect(text == "red \\u{1B}[31m\\u{D}\\u{7}")
    }
}
