/// The syntax of suite and profile ids.
enum Identifiers {
    /// 1–128 of `[a-z0-9._-]`, starting with a letter or digit: safe as a folder name on every platform.
    static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard let first = bytes.first, bytes.count <= 128 else { return false }
        func allowed(_ c: UInt8) -> Bool {
            (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 || c == 46 || c == 95
        }
        let alphanumeric = (first >= 97 && first <= 122) || (first >= 48 && first <= 57)
        return alphanumeric && bytes.allSatisfy(allowed)
    }
}
