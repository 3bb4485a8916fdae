import FirmPathsModel

/// Rules across fields that no single range can express; each rule skips values of the wrong kind, which the type checks already reported.
extension ScenarioValidator {
    /// Region names a crisis may name besides the regions themselves.
    static let crisisRegionKeywords = ["home", "all"]

    mutating func checkConsistency(_ root: JSONValue) {
        checkSegments(root)
        let regionNames = checkRegions(root)
        checkMarketList(root, regionNames: regionNames)
        checkCrises(root, regionNames: regionNames)
    }

    private mutating func checkSegments(_ root: JSONValue) {
        let segmentsPath = JSONPath([.key("population"), .key("segments")])
        guard let segments = root.value(at: segmentsPath)?.arrayValue, !segments.isEmpty else { return }
        let shares = segments.map { $0["share"]?.doubleValue }
        if shares.allSatisfy({ $0 != nil }) {
            let sum = shares.reduce(0.0) { $0 + ($1 ?? 0) }
            if abs(sum - 1) > 1e-6 {
                let terms = shares.map { JSONWriter.numberText($0 ?? 0) }.joined(separator: " + ")
                report(segmentsPath, "segment shares must sum to 1, found \(terms) = \(JSONWriter.numberText(sum))")
            }
        }
        // Beta traits: the draw in Population.drawUnit needs variance < mean (1 - mean).
        let betaTraits = ParameterCatalog.entries.compactMap { entry -> String? in
            let prefix = "population.segments[*].", suffix = ".mean"
            guard entry.path.hasPrefix(prefix), entry.path.hasSuffix(suffix), entry.domain == .number(.unit) else { return nil }
            return String(entry.path.dropFirst(prefix.count).dropLast(suffix.count))
        }
        for (index, segment) in segments.enumerated() {
            for trait in betaTraits {
                // Means outside [0, 1] were reported by the range check; a second message would only confuse.
                guard let mean = segment[trait]?["mean"]?.doubleValue, let sd = segment[trait]?["sd"]?.doubleValue,
                      (0...1).contains(mean), sd > 0, sd * sd >= mean * (1 - mean) else { continue }
                let limit = (mean * (1 - mean)).squareRoot()
                let rule = limit > 0
                    ? "a Beta trait in [0, 1] needs sd < sqrt(mean (1 - mean)) = \(Self.rounded(limit))"
                    : "a trait in [0, 1] with mean 0 or 1 must have sd 0"
                report(segmentsPath.appending(index: index).appending(key: trait).appending(key: "sd"),
                       "sd \(JSONWriter.numberText(sd)) is too large for mean \(JSONWriter.numberText(mean)): " + rule)
            }
        }
    }

    /// Checks each region and the total number of markets; returns the region names for later rules.
    private mutating func checkRegions(_ root: JSONValue) -> [String] {
        let regionsPath = JSONPath([.key("markets"), .key("regions")])
        let regions = root.value(at: regionsPath)?.arrayValue ?? []
        for (index, region) in regions.enumerated() {
            if let low = region["psychicDistanceMin"]?.doubleValue, let high = region["psychicDistanceMax"]?.doubleValue, low > high {
                report(regionsPath.appending(index: index).appending(key: "psychicDistanceMin"),
                       "psychicDistanceMin \(JSONWriter.numberText(low)) is above psychicDistanceMax \(JSONWriter.numberText(high))")
            }
        }
        reportDuplicates(regions, key: "name", in: regionsPath, what: "region name")
        let listPath = JSONPath([.key("markets"), .key("list")])
        let listed = root.value(at: listPath)?.arrayValue
        let generated = regions.compactMap { $0["markets"]?.intValue }
        if listed?.isEmpty == true, generated.count == regions.count, generated.reduce(0, +) == 0 {
            report(JSONPath([.key("markets")]),
                   "no foreign markets: every region has 0 markets and markets.list is empty")
        }
        if let listed { reportDuplicates(listed, key: "name", in: listPath, what: "market name") }
        return regions.compactMap { $0["name"]?.stringValue }
    }

    private mutating func checkMarketList(_ root: JSONValue, regionNames: [String]) {
        let listPath = JSONPath([.key("markets"), .key("list")])
        for (index, market) in (root.value(at: listPath)?.arrayValue ?? []).enumerated() {
            guard let region = market["region"]?.stringValue, !regionNames.contains(region) else { continue }
            report(listPath.appending(index: index).appending(key: "region"), unknownRegion(region, allowed: regionNames))
        }
    }

    private mutating func checkCrises(_ root: JSONValue, regionNames: [String]) {
        let crisesPath = JSONPath([.key("environment"), .key("crises")])
        let allowed = Self.crisisRegionKeywords + regionNames
        for (index, crisis) in (root.value(at: crisesPath)?.arrayValue ?? []).enumerated() {
            for (position, name) in (crisis["regions"]?.arrayValue ?? []).enumerated() {
                guard let region = name.stringValue, !allowed.contains(region) else { continue }
                report(crisesPath.appending(index: index).appending(key: "regions").appending(index: position),
                       unknownRegion(region, allowed: allowed))
            }
        }
    }

    private func unknownRegion(_ name: String, allowed: [String]) -> String {
        var message = "unknown region \(Self.found(.string(name))); known: " + allowed.joined(separator: ", ")
        if let suggestion = closestMatch(to: name, in: allowed) { message += "; did you mean `\(suggestion)`?" }
        return message
    }

    private mutating func reportDuplicates(_ elements: [JSONValue], key: String, in listPath: JSONPath, what: String) {
        var firstIndex: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            guard let name = element[key]?.stringValue else { continue }
            if let first = firstIndex[name] {
                report(listPath.appending(index: index).appending(key: key),
                       "duplicate \(what) \(Self.found(.string(name))) (also at \(listPath.appending(index: first)))")
            } else {
                firstIndex[name] = index
            }
        }
    }

    /// Four significant decimals: enough to act on, short enough to read.
    static func rounded(_ value: Double) -> String {
        JSONWriter.numberText((value * 10_000).rounded(.down) / 10_000)
    }
}
