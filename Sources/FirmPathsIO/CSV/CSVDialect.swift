/// How CSV files are written: RFC 4180 (`,` separator, `.` decimals), or for spreadsheets set
/// to a European locale, `;` separators and `,` decimals.
///
/// Files are always encoded in the standard dialect first and converted as they are written,
/// so the semicolon files hold the same values field for field. Readers must be told: pandas
/// `read_csv(path, sep=";", decimal=",")`, R `read.csv2(path)`; a spreadsheet in a German, French
/// or Italian locale opens them as they are.
public enum CSVDialect: String, Sendable, CaseIterable {
    case standard = "comma"
    case semicolon

    /// `bytes` (whole rows in the standard dialect) in this dialect.
    ///
    /// A number's `.` becomes `,` (a field is a number when it holds only digits, signs, `.` and
    /// an exponent); text keeps its characters, and an unquoted text field that holds `;` is
    /// quoted. Quoted fields keep their quotes.
    public func convert(_ bytes: [UInt8]) -> [UInt8] {
        guard self == .semicolon else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        let count = bytes.count
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
        let semicolon = UInt8(ascii: ";"), dot = UInt8(ascii: ".")
        while index < count {
            // One field starts at `index`.
            if bytes[index] == quote {
                // Copy the quoted field as it is, up to its closing quote (a doubled quote is data).
                output.append(quote)
                index += 1
                while index < count {
                    let byte = bytes[index]
                    output.append(byte)
                    index += 1
                    if byte == quote {
                        if index < count && bytes[index] == quote {
                            output.append(quote)
                            index += 1
                        } else {
                            break
                        }
                    }
                }
            } else {
                var end = index
                var numeric = true
                var hasSemicolon = false
                while end < count && bytes[end] != comma && bytes[end] != newline {
                    let byte = bytes[end]
                    if !(byte >= 48 && byte <= 57) && byte != dot && byte != 45 && byte != 43 && byte != 101 && byte != 69 {
                        numeric = false
                    }
                    if byte == semicolon { hasSemicolon = true }
                    end += 1
                }
                if hasSemicolon { output.append(quote) }
                for k in index..<end { output.append(numeric && bytes[k] == dot ? comma : bytes[k]) }
                if hasSemicolon { output.append(quote) }
                index = end
            }
            if index < count {
                output.append(bytes[index] == comma ? semicolon : bytes[index])
                index += 1
            }
        }
        return output
    }
}
