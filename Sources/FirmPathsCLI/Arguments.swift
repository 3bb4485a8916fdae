import FirmPathsIO

/// The command line after the command name: options with values, flags and positionals.
///
/// Options take their value as the next argument or after `=` (`--seed 7`, `--seed=7`);
/// `--` ends the options. An option not declared by the command is a usage error.
public struct Arguments {
    public private(set) var positionals: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// Parses `arguments` against the options that take a value and the flags of a command.
    public init(_ arguments: [String], options: Set<String>, flags allowedFlags: Set<String>, usage: String) throws(CLIError) {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            if allowedFlags.contains(name) {
                guard inlineValue == nil else { throw CLIError(.usage, "option \(name) takes no value", usage: usage) }
                flags.insert(name)
            } else if options.contains(name) {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count else { throw CLIError(.usage, "option \(name) needs a value", usage: usage) }
                    value = arguments[index]
                    index += 1
                }
                // An empty value (`--out ""`, an unset shell variable) is never meant: no option takes one.
                guard !value.isEmpty else { throw CLIError(.usage, "option \(name) needs a value, found an empty string", usage: usage) }
                values[name, default: []].append(value)
            } else {
                let known = (options.union(allowedFlags)).sorted()
                var message = "unknown option \(name)"
                if let suggestion = closestMatch(to: name, in: known, maxDistance: 3) { message += "; did you mean \(suggestion)?" }
                throw CLIError(.usage, message, usage: usage)
            }
        }
    }

    /// Refuses positional arguments for commands that take none (`firmpaths scenarios extra`).
    public func expectNoPositionals(usage: String) throws(CLIError) {
        guard let first = positionals.first else { return }
        throw CLIError(.usage, "unexpected argument '\(first)': this command takes no arguments, only options", usage: usage)
    }

    public func has(_ flag: String) -> Bool { flags.contains(flag) }
    public func value(_ option: String) -> String? { values[option]?.last }
    public func all(_ option: String) -> [String] { values[option] ?? [] }

    /// An integer option, with a usage error naming the option when it is not one.
    public func int(_ option: String, usage: String, range: ClosedRange<Int> = Int.min...Int.max) throws(CLIError) -> Int? {
        guard let text = value(option) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            let bounds = range.lowerBound == Int.min ? "" : " from \(range.lowerBound)"
                + (range.upperBound == Int.max ? "" : " to \(range.upperBound)")
            throw CLIError(.usage, "option \(option) expects a whole number\(bounds), found '\(text)'", usage: usage)
        }
        return number
    }

    /// A seed option: a whole number from 0 to 2^64 - 1.
    public func seed(_ option: String, usage: String) throws(CLIError) -> UInt64? {
        guard let text = value(option) else { return nil }
        guard let number = UInt64(text) else {
            throw CLIError(.usage, "option \(option) expects a seed (a whole number from 0 to 18446744073709551615), found '\(text)'",
                           usage: usage)
        }
        return number
    }
}
