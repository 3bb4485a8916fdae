/// Scenario names become directory names (`Results/<name>`), so they are restricted.
public enum ScenarioName {
    public static let maximumLength = 100
    public static let expectation = "a name of letters, digits, `-`, `_` and `.` (not first), at most 100 characters"

    /// Why `name` cannot be a directory name, or nil when it can.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "expected \(expectation), found an empty name" }
        if name.unicodeScalars.count > maximumLength {
            return "expected \(expectation), found \(name.unicodeScalars.count) characters"
        }
        if name.hasPrefix(".") { return "expected \(expectation), found a name starting with `.`" }
        for scalar in name.unicodeScalars {
            let ok = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || scalar == "-" || scalar == "_" || scalar == "."
            if !ok { return "expected \(expectation), found \(describe(scalar))" }
        }
        return nil
    }

    /// `'/' (U+002F)`, `a space (U+0020)`, `the control character U+0000`, as the JSON reader
    /// names characters.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if scalar == " " { return "a space (\(code))" }
        if scalar.properties.generalCategory == .control || scalar.properties.isWhitespace {
            return "the control character \(code)"
        }
        return "'\(Character(scalar))' (\(code))"
    }
}
