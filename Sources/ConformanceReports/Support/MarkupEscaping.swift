/// Escaping for text that comes from the suite, profile or matcher (vendor-controlled, so possibly hostile).
enum MarkupEscaping {
    /// Text safe as XML 1.0 or HTML character data and as a double- or single-quoted attribute value.
    ///
    /// `& < > " '` become entities. Characters XML 1.0 forbids (C0 controls other than tab, line feed and
    /// carriage return; U+FFFE, U+FFFF) cannot be escaped at all, so they are replaced by a visible `\u{…}`
    /// spelling that keeps the information. With `attribute: true`, tab, line feed and carriage return become
    /// character references so attribute-value normalisation keeps them.
    static func xml(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r":
                if attribute {
                    out += "&#\(scalar.value);"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            default:
                if isForbiddenInXML(scalar) {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Whether XML 1.0 (§2.2 `Char`) forbids the scalar, or HTML treats it as a parse error (C1 controls,
    /// noncharacters), so that it must be spelled out instead.
    static func isForbiddenInXML(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        if v == 0x7F || (0x80...0x9F).contains(v) { return true }
        if (0xFDD0...0xFDEF).contains(v) { return true }
        return (v & 0xFFFE) == 0xFFFE
    }

    /// Text safe inside a CommonMark / GitHub-flavoured Markdown paragraph or table cell.
    ///
    /// Backslash-escapes the ASCII punctuation that could start emphasis, links, images, code, HTML or a table
    /// column (`\ ` * _ [ ] < > | ~ & !`), turns line breaks into spaces, and spells out control characters, so
    /// a vendor cannot inject markup into a pull-request comment.
    static func markdown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "!", "#":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\n", "\r", "\t":
                out += " "
            default:
                if isForbiddenInXML(scalar) {
                    out += "\\\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Text for a terminal: control characters (which could move the cursor or recolour the screen) spelled out.
    static func terminal(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\t" {
                out += " "
            } else if isForbiddenInXML(scalar) || scalar == "\r" {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
