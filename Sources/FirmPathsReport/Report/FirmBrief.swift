/// A firm's story in a paragraph or two of plain words (`explain --brief`): who founded it,
/// what it did abroad and why, what went wrong, how it ended and why it got its path. Ages
/// count from the firm's founding; repeated setbacks are told once, with their count.
extension FirmStory {
    /// The paragraphs of the brief, unwrapped.
    public func brief() -> [String] {
        let perYear = max(1, stepsPerYear)
        func age(_ e: EventRecord) -> Int { self.age(atStep: e.step) }
        let path = PathNames.display(record.path)
        var first: [String] = []

        // Who: the founding and the traits that stand out.
        var who = "Firm \(firm)"
        if let segment = record.value("segment"), !segment.isEmpty { who += ", " + Self.article(PathNames.display(segment)) + " firm" }
        who += foundedYear == 0 && foundedStep < perYear ? ", was there when the run began"
            : ", was founded in year \(foundedYear) of the run"
        let traits = notableTraits()
        if !traits.isEmpty { who += ", with " + Self.list(traits) }
        first.append(who + ".")

        let entries = events.filter { $0.event == "enter" }
        if let entry = entries.first {
            let firstSale = Int(record.value("first_export_age") ?? "")
            var text = "It entered its first foreign market, \(entry.market) (\(entry.region), psychic distance "
                + EventWording.fixed(entry.psychicDistance ?? 0, 2) + "), at age \(age(entry)), triggered by "
                + EventWording.cause(entry.cause)
            if let firstSale {
                text += firstSale == age(entry) ? ", and sold there that year" : ", and first sold abroad at age \(firstSale)"
            } else {
                text += ", but never sold abroad"
            }
            first.append(text + ".")
            let markets = Set(entries.map(\.market)).count
            let regions = Set(entries.map(\.region)).count
            if markets > 1, let last = entries.last {
                let causes = Self.counted(entries.map { EventWording.cause($0.cause) })
                first.append("By age \(age(last)) it had entered \(markets) markets in \(regions) region\(regions == 1 ? "" : "s")"
                    + (causes.count == 1 ? ", each time through " + EventWording.cause(entries[0].cause)
                        : ", through " + Self.list(causes)) + ".")
            }
            if let deepest = events.filter({ ["enter", "upgrade"].contains($0.event) }).max(by: { $0.toMode < $1.toMode }),
               deepest.toMode >= 2 {
                let mode = EventWording.modeName(deepest.toMode, partnered: deepest.partnered)
                var text = "Its deepest commitment was \(deepest.toMode >= 4 ? mode : Self.article(mode))"
                    + " in \(deepest.market), from age \(age(deepest))"
                if deepest.event == "upgrade" { text += ", because of " + EventWording.cause(deepest.cause) }
                first.append(text + ".")
            }
        } else {
            first.append("It never entered a foreign market.")
        }

        // What went wrong abroad, each kind told once with its count and span.
        var second: [String] = []
        for (kind, noun) in [("surprise", "surprise abroad"), ("opportunism", "case of partner opportunism"),
                             ("downgrade", "step down"), ("exit", "market exit"), ("backsource", "relocation home")] {
            let group = events.filter { $0.event == kind }
            guard !group.isEmpty else { continue }
            let ages = group.map(age)
            let span = ages.min() == ages.max() ? "at age \(ages[0])" : "at ages \(ages.min() ?? 0)-\(ages.max() ?? 0)"
            let markets = Array(Set(group.map(\.market))).sorted()
            let causes = Self.list(Self.counted(group.map { EventWording.cause($0.cause) }))
            var text = Self.number(group.count, noun) + " " + span
            if !markets.isEmpty && markets.count <= 3 { text += " in " + Self.list(markets) }
            else if markets.count > 3 { text += " in \(markets.count) markets" }
            text += ": " + causes
            if kind == "backsource" { text += " (" + group.map { EventWording.fixed($0.value * 100, 0) + " % of capacity" }.joined(separator: ", ") + ")" }
            second.append(Self.capitalized(text) + ".")
        }
        if let died = events.first(where: { $0.event == "died" }) {
            second.append("It closed at age \(age(died)), because of " + EventWording.cause(died.cause) + ".")
        } else {
            second.append("It was still in business at the end of the run.")
        }
        second.append("That puts it on the \(path) path, for a firm that " + PathStyle.of(record.path).meaning
            + " (rule " + record.rule + ").")
        return [first.joined(separator: " "), second.joined(separator: " ")]
    }

    /// Traits far from the middle, in words: "an experienced founder (0.81)".
    func notableTraits() -> [String] {
        let described: [(column: String, high: String, low: String)] = [
            ("founder_experience", "an experienced founder", "a founder new to business abroad"),
            ("global_vision", "a global vision", "little interest in going abroad"),
            ("niche", "a narrow niche", "a broad product range"),
            ("risk_tolerance", "a taste for risk", "caution"),
        ]
        var result: [String] = []
        for trait in described {
            guard let value = record.value(trait.column).flatMap(Double.init) else { continue }
            if value >= 0.6 { result.append("\(trait.high) (\(EventWording.fixed(value, 2)))") }
            if value <= 0.25 { result.append("\(trait.low) (\(EventWording.fixed(value, 2)))") }
        }
        if let employees = record.value("employees").flatMap(Double.init) {
            result.append("\(Int(employees.rounded())) employee\(Int(employees.rounded()) == 1 ? "" : "s")")
        }
        return result
    }

    /// "its own search (3 times), a chance contact".
    static func counted(_ phrases: [String]) -> [String] {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for phrase in phrases {
            if counts[phrase] == nil { order.append(phrase) }
            counts[phrase, default: 0] += 1
        }
        return order.map { counts[$0, default: 1] > 1 ? "\($0) (\(Self.times(counts[$0, default: 1])))" : $0 }
    }

    static func times(_ n: Int) -> String { n == 2 ? "twice" : "\(n) times" }

    /// "three surprises abroad", "one market exit".
    static func number(_ n: Int, _ noun: String) -> String {
        let words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        let count = n < words.count ? words[n] : String(n)
        guard n != 1 else { return count + " " + noun }
        // Plural of the head noun: "case of partner opportunism" -> "cases of ...", "step down" -> "steps down".
        let plural: String
        if let range = noun.range(of: " of ") ?? noun.range(of: " down") ?? noun.range(of: " abroad") ?? noun.range(of: " home") {
            plural = noun[..<range.lowerBound] + "s" + noun[range.lowerBound...]
        } else {
            plural = noun + "s"
        }
        return count + " " + plural
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }

    static func article(_ phrase: String) -> String {
        let vowel = phrase.first.map { "aeiou".contains($0) } ?? false
        return (vowel ? "an " : "a ") + phrase
    }

    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
