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
        checkMagnitudes(root)
    }

    /// Longest time span, in years, any parameter may state: the model counts steps in 32-bit
    /// integers, and 10,000 years of monthly steps stay far below their limit.
    static let maximumYears = 10_000.0
    /// Most clusters a scenario may ask for; the model allocates a member list per cluster.
    static let maximumClusters = 1_000_000
    /// Most markets a world may have: events record the market as a 16-bit number.
    static let maximumMarkets = Int(Int16.max)

    /// Upper bounds the catalog leaves open but the model's integer step counts and
    /// allocations need (found by `make fuzz` and the extreme-value scan: `exitYears` = 4e9
    /// trapped converting steps to Int32, `clusters` = 4e9 tried to allocate 32 GB).
    private mutating func checkMagnitudes(_ root: JSONValue) {
        for entry in ParameterCatalog.entries where entry.unit == "years" {
            for (path, value) in Self.values(matching: entry.path, in: root) {
                guard let number = value.doubleValue, number > Self.maximumYears else { continue }
                report(path, "expected at most \(JSONWriter.numberText(Self.maximumYears)) years, found \(Self.found(value))")
            }
        }
        let listed = root.value(at: JSONPath([.key("markets"), .key("list")]))?.arrayValue ?? []
        let generated = (root.value(at: JSONPath([.key("markets"), .key("regions")]))?.arrayValue ?? [])
            .compactMap { $0["markets"]?.doubleValue }.reduce(0, +)
        let total = listed.isEmpty ? generated : Double(listed.count)
        if total > Double(Self.maximumMarkets) {
            report(JSONPath([.key("markets")]), "expected at most \(Self.maximumMarkets) markets in all, found "
                + JSONWriter.numberText(total) + (listed.isEmpty ? " (the sum of markets.regions[*].markets)" : " in markets.list"))
        }
        let clustersPath = JSONPath([.key("model"), .key("network"), .key("clusters")])
        if let clusters = root.value(at: clustersPath)?.doubleValue, clusters > Double(Self.maximumClusters) {
            report(clustersPath, "expected at most \(Self.maximumClusters) clusters, found \(Self.found(.number(clusters)))")
        }
    }

    /// Values at a catalog pattern such as `environment.crises[*].startYear`, with their concrete paths.
    static func values(matching pattern: String, in root: JSONValue) -> [(JSONPath, JSONValue)] {
        var current: [(JSONPath, JSONValue)] = [(.root, root)]
        for part in pattern.split(separator: ".") {
            let isList = part.hasSuffix("[*]")
            let key = String(isList ? part.dropLast(3) : part)
            var next: [(JSONPath, JSONValue)] = []
            for (path, value) in current {
                guard let member = value[key] else { continue }
                let memberPath = path.appending(key: key)
                if isList {
                    for (index, element) in (member.arrayValue ?? []).enumerated() {
                        next.append((memberPath.appending(index: index), element))
                    }
                } else {
                    next.append((memberPath, member))
                }
            }
            current = next
        }
        return current
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
