/// A key in a user file that the defaults do not know, reported instead of ignored so typos cannot silently fall back to default values.
public struct UnknownKey: Sendable, Equatable, CustomStringConvertible {
    /// Full path of the unknown member, e.g. `segments[1].psychicDistanse`.
    public var path: JSONPath
    /// The unknown key itself.
    public var key: String
    /// The closest valid sibling key, when one is close enough to be a likely typo.
    public var suggestion: String?

    public init(path: JSONPath, key: String, suggestion: String?) {
        self.path = path
        self.key = key
        self.suggestion = suggestion
    }

    /// E.g. "unknown key `segments[1].psychicDistanse`; did you mean `psychicDistance`?".
    public var description: String {
        var text = "unknown key `\(path)`"
        if let suggestion { text += "; did you mean `\(suggestion)`?" }
        return text
    }
}

/// Merges a user document onto defaults so users only write what they change, and reports keys the defaults do not know.
///
/// - Objects merge recursively: user members replace defaults, missing members keep the default;
///   keys absent from `defaults` are kept in the result (so a later decode can reject them too) and reported.
/// - Arrays from `user` replace the default array wholesale, but each object element is first overlaid onto
///   `arrayElementDefaults(elementPath)` (e.g. `segments[2]`; use `patternDescription` to match `segments[*]`),
///   so a user element only needs the fields it changes. When the closure returns `nil`, elements are kept verbatim
///   and unchecked.
/// - Kind mismatches (user string where the default is a number, etc.) keep the user value untouched: reporting
///   them is the decoder's job, which can name the expected type.
///
/// Unknown keys are listed in user document order.
public func overlay(
    _ user: JSONValue,
    onto defaults: JSONValue,
    arrayElementDefaults: (JSONPath) -> JSONValue? = { _ in nil }
) -> (value: JSONValue, unknownKeys: [UnknownKey]) {
    var unknownKeys: [UnknownKey] = []
    let value = overlayValue(user, onto: defaults, path: .root, elementDefaults: arrayElementDefaults, unknown: &unknownKeys)
    return (value, unknownKeys)
}

private func overlayValue(
    _ user: JSONValue,
    onto defaults: JSONValue?,
    path: JSONPath,
    elementDefaults: (JSONPath) -> JSONValue?,
    unknown: inout [UnknownKey]
) -> JSONValue {
    switch (user, defaults) {
    case (.object(let userObject), .object(let defaultObject)?):
        var result = defaultObject
        for (key, userValue) in userObject.members {
            let childPath = path.appending(key: key)
            if let defaultValue = defaultObject[key] {
                result[key] = overlayValue(userValue, onto: defaultValue, path: childPath,
                                           elementDefaults: elementDefaults, unknown: &unknown)
            } else {
                unknown.append(UnknownKey(path: childPath, key: key,
                                          suggestion: closestMatch(to: key, in: defaultObject.keys)))
                result[key] = userValue
            }
        }
        return .object(result)
    case (.array(let userArray), _):
        var result: [JSONValue] = []
        result.reserveCapacity(userArray.count)
        for (index, element) in userArray.enumerated() {
            let elementPath = path.appending(index: index)
            if case .object = element, let elementDefault = elementDefaults(elementPath) {
                result.append(overlayValue(element, onto: elementDefault, path: elementPath,
                                           elementDefaults: elementDefaults, unknown: &unknown))
            } else if case .array = element {
                // Nested arrays still get their object elements completed.
                result.append(overlayValue(element, onto: nil, path: elementPath,
                                           elementDefaults: elementDefaults, unknown: &unknown))
            } else {
                result.append(element)
            }
        }
        return .array(result)
    default:
        return user
    }
}
