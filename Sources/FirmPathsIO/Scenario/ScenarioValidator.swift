import FirmPathsModel

/// Checks a resolved scenario tree against the parameter catalog and collects every problem instead of stopping at the first.
///
/// Type and range checks come from `ParameterCatalog`; the cross-field rules live in
/// `ScenarioValidator+Consistency.swift`. Positions come from the user's document when there is one.
struct ScenarioValidator {
    let file: String
    let document: JSONDocument?
    let shape = ScenarioShape.shared
    private(set) var problems: [ScenarioProblem] = []

    init(file: String, document: JSONDocument?) {
        self.file = file
        self.document = document
    }

    /// Records a problem at `path`, located at the path itself or its nearest ancestor written in the file.
    mutating func report(_ path: JSONPath, _ message: String) {
        problems.append(ScenarioProblem(file: file, position: document?.nearestPosition(to: path)?.position,
                                        path: path.description, message: message))
    }

    /// Records an unknown key from the overlay in the form "unknown key `k` in `parent`; did you mean `s`?".
    mutating func report(_ unknown: UnknownKey) {
        let parent = unknown.path.parent.map { $0.isRoot ? "the top level" : "`\($0)`" } ?? "the top level"
        var message = "unknown key `\(unknown.key)` in \(parent)"
        if let suggestion = unknown.suggestion { message += "; did you mean `\(suggestion)`?" }
        problems.append(ScenarioProblem(file: file, position: document?.nearestPosition(to: unknown.path)?.position,
                                        path: nil, message: message))
    }

    /// Walks the tree: objects the catalog expects, then every parameter against its domain.
    mutating func check(_ value: JSONValue, at path: JSONPath) {
        let pattern = path.patternDescription
        if let entry = ParameterCatalog.entry(forPattern: pattern) {
            check(value, at: path, against: entry)
        } else if let keys = shape.children[pattern] {
            guard case .object(let object) = value else {
                report(path, "expected an object, found \(Self.found(value))")
                return
            }
            // Keys outside the catalog were already reported by the overlay as unknown.
            for key in keys {
                if let member = object[key] { check(member, at: path.appending(key: key)) }
            }
        }
    }

    private mutating func check(_ value: JSONValue, at path: JSONPath, against entry: ParameterSpec) {
        if path.description == "name", let name = value.stringValue, let problem = ScenarioName.problem(name) {
            return report(path, problem)
        }
        if value.isNull, isMissingRequiredField(path) {
            report(path, "missing required field `\(path.lastKey ?? "")` (\(entry.domain.expectation))")
            return
        }
        switch entry.domain {
        case .number(let interval):
            guard let number = value.doubleValue, interval.contains(number) else { return mismatch(path, entry, value) }
        case .integer(let min, let max):
            guard let integer = value.intValue, integer >= min, max.map({ integer <= $0 }) ?? true else {
                return mismatch(path, entry, value)
            }
            // Whole numbers are read as doubles: from 2^53 on, the value written and the value
            // read may differ (9007199254740993 reads as 9007199254740992), so no count may reach it.
            if integer.magnitude >= Self.exactIntegerLimit {
                let found = document?.literals[path.description] ?? value.doubleValue.map { String(format: "%.0f", $0) } ?? Self.found(value)
                report(path, "expected \(entry.domain.expectation) and below 2^53 = 9007199254740992 (a double "
                    + "holds every whole number only up to there), found \(found)")
            }
        case .boolean:
            guard value.boolValue != nil else { return mismatch(path, entry, value) }
        case .text, .regionName:
            guard value.stringValue != nil else { return mismatch(path, entry, value) }
        case .seed:
            let valid: Bool
            switch value {
            case .number(let number): valid = number >= 0 && number < 9_007_199_254_740_992 && number == number.rounded()
            case .string(let text): valid = UInt64(text) != nil
            default: valid = false
            }
            if !valid { mismatch(path, entry, value) }
        case .numberList(let count, let element, let weights):
            checkNumberList(value, at: path, entry: entry, count: count, element: element, weights: weights)
        case .regionList:
            guard let names = value.arrayValue else { return mismatch(path, entry, value) }
            for (index, name) in names.enumerated() where name.stringValue == nil {
                report(path.appending(index: index), "expected a region name (a string), found \(Self.found(name))")
            }
        case .table(let minCount):
            guard let elements = value.arrayValue else { return mismatch(path, entry, value) }
            if elements.count < minCount {
                report(path, "expected at least \(minCount) element\(minCount == 1 ? "" : "s"), found none")
            }
            for (index, element) in elements.enumerated() {
                check(element, at: path.appending(index: index))
            }
        }
    }

    private mutating func checkNumberList(
        _ value: JSONValue, at path: JSONPath, entry: ParameterSpec, count: Int, element: ParameterInterval, weights: Bool
    ) {
        guard let values = value.arrayValue else { return mismatch(path, entry, value) }
        if values.count != count {
            let what = count == 5 && !weights ? "one per mode 0-4" : "one per kind"
            report(path, "expected exactly \(count) numbers (\(what)), found \(values.count)")
        }
        var sum = 0.0
        for (index, item) in values.enumerated() {
            guard let number = item.doubleValue, element.contains(number) else {
                report(path.appending(index: index), "expected a number \(element.phrase), found \(Self.found(item))")
                continue
            }
            sum += number
        }
        if weights, values.count == count, values.allSatisfy({ $0.doubleValue != nil }), sum <= 0 {
            report(path, "weights must not all be zero: they are normalised into probabilities")
        }
    }

    /// 2^53: the first whole number from which a double no longer holds every whole number.
    static let exactIntegerLimit: UInt = 1 << 53

    private mutating func mismatch(_ path: JSONPath, _ entry: ParameterSpec, _ value: JSONValue) {
        let found = document?.literals[path.description] ?? Self.found(value)
        report(path, "expected \(entry.domain.expectation), found \(found)")
    }

    /// A `null` the file did not write is a field left out of an element that has no default.
    private func isMissingRequiredField(_ path: JSONPath) -> Bool {
        guard let parent = path.parent, ScenarioDefaults.requiredElementLists.contains(parent.patternDescription) else {
            return false
        }
        return document?.position(of: path) == nil
    }

    /// A value as it appears in a message: numbers and strings literally, containers by kind.
    static func found(_ value: JSONValue) -> String {
        switch value {
        case .number(let number): return JSONWriter.numberText(number)
        case .string(let text):
            var quoted = ""
            JSONWriter.appendQuoted(text, to: &quoted)
            return quoted
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array, .object: return value.kindName
        }
    }
}
